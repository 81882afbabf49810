module coder-agent-conformance/oracles/go

go 1.26.0

require (
	github.com/tidwall/gjson v1.18.0
	golang.org/x/net v0.63.0
)

require (
	github.com/tidwall/match v1.2.0 // indirect
	github.com/tidwall/pretty v1.2.1 // indirect
	golang.org/x/text v0.44.0 // indirect
)
