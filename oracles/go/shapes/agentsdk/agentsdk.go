// Package agentsdk mirrors the field shapes (names, JSON tags, types, order) of the coder/coder agentsdk
// structs the reference CLI and the simulator decode at the PR24325 revision, so encoding/json's error
// texts name the same types. Field shapes only; written for this oracle.
package agentsdk

type ExternalAuthResponse struct {
	AccessToken string                 `json:"access_token"`
	TokenExtra  map[string]interface{} `json:"token_extra"`
	URL         string                 `json:"url"`
	Type        string                 `json:"type"`
	Username    string                 `json:"username"`
	Password    string                 `json:"password"`
}

type AuthenticateResponse struct {
	SessionToken string `json:"session_token"`
}

type AWSInstanceIdentityToken struct {
	Signature string `json:"signature"`
	Document  string `json:"document"`
	AgentName string `json:"agent_name"`
}

type AzureInstanceIdentityToken struct {
	Signature string `json:"signature"`
	Encoding  string `json:"encoding"`
	AgentName string `json:"agent_name"`
}

type GoogleInstanceIdentityToken struct {
	JSONWebToken string `json:"json_web_token"`
	AgentName    string `json:"agent_name"`
}
