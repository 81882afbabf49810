// Package azureidentity: the attested-data field the Azure verifier reads.
package azureidentity

type metadata struct {
	VMID string `json:"vmId"`
}

type Metadata = metadata
