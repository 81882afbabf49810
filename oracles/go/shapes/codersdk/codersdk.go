// Package codersdk: the error response shape.
package codersdk

type ValidationError struct {
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

type Response struct {
	Message     string            `json:"message"`
	Detail      string            `json:"detail"`
	Validations []ValidationError `json:"validations"`
}
