// Package idtoken: the JWT header and payload fields the GCP verifier reads.
package idtoken

type jwtHeader struct {
	Alg   string `json:"alg"`
	Typ   string `json:"typ"`
	KeyID string `json:"kid"`
}

// Header is exported for the oracle; its type name stays jwtHeader.
type Header = jwtHeader

type Payload struct {
	Issuer   string `json:"iss"`
	Audience string `json:"aud"`
	Expires  int64  `json:"exp"`
	IssuedAt int64  `json:"iat"`
	Subject  string `json:"sub"`
}
