// Package awsidentity: the identity document field the AWS verifier reads.
package awsidentity

type awsInstanceIdentityDocument struct {
	InstanceID string `json:"instanceId"`
}

type Document = awsInstanceIdentityDocument
