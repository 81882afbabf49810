// Package agentsdk (#26883 revision): ExternalAuthResponse with expires_at.
package agentsdk

import "time"

type ExternalAuthResponse struct {
	AccessToken string                 `json:"access_token"`
	TokenExtra  map[string]interface{} `json:"token_extra"`
	URL         string                 `json:"url"`
	Type        string                 `json:"type"`
	ExpiresAt   time.Time              `json:"expires_at"`
	Username    string                 `json:"username"`
	Password    string                 `json:"password"`
}
