// Package agentsdk (before #24325): the instance-identity request structs without agent_name.
package agentsdk

type AWSInstanceIdentityToken struct {
	Signature string `json:"signature"`
	Document  string `json:"document"`
}

type AzureInstanceIdentityToken struct {
	Signature string `json:"signature"`
	Encoding  string `json:"encoding"`
}

type GoogleInstanceIdentityToken struct {
	JSONWebToken string `json:"json_web_token"`
}
