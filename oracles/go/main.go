// Command oracle answers questions about Go semantics, one JSON object per line on stdin, one answer
// per line on stdout, in order. It is the differential oracle for src/go (see oracles/go/README.md):
// everything it prints comes from the Go standard library or tidwall/gjson itself.
//
// Request:  {"op": "...", "a": <base64 bytes>, "b": <base64 bytes>, "flag": bool, "shape": "..."}
// Answer:   an object; byte strings are base64 ([]byte fields), "err" is err.Error() or absent.
package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/tidwall/gjson"
	"golang.org/x/net/http/httpproxy"

	"coder-agent-conformance/oracles/go/shapes/agentsdk"
	agentsdk26883 "coder-agent-conformance/oracles/go/shapes/agentsdk26883"
	agentsdkpre "coder-agent-conformance/oracles/go/shapes/agentsdkpre"
	"coder-agent-conformance/oracles/go/shapes/awsidentity"
	"coder-agent-conformance/oracles/go/shapes/azureidentity"
	"coder-agent-conformance/oracles/go/shapes/codersdk"
	"coder-agent-conformance/oracles/go/shapes/idtoken"
)

type request struct {
	Op    string `json:"op"`
	A     []byte `json:"a"`
	B     []byte `json:"b"`
	Flag  bool   `json:"flag"`
	Shape string `json:"shape"`
}

type answer map[string]any

func errText(err error) any {
	if err == nil {
		return nil
	}
	return err.Error()
}

// shapes: a fresh pointer to the zero value of each struct the CLI or the simulator decodes.
var shapes = map[string]func() any{
	"agentsdk.ExternalAuthResponse":            func() any { return new(agentsdk.ExternalAuthResponse) },
	"agentsdk.ExternalAuthResponse@pr26883":    func() any { return new(agentsdk26883.ExternalAuthResponse) },
	"agentsdk.AuthenticateResponse":            func() any { return new(agentsdk.AuthenticateResponse) },
	"agentsdk.AWSInstanceIdentityToken":        func() any { return new(agentsdk.AWSInstanceIdentityToken) },
	"agentsdk.AzureInstanceIdentityToken":      func() any { return new(agentsdk.AzureInstanceIdentityToken) },
	"agentsdk.GoogleInstanceIdentityToken":     func() any { return new(agentsdk.GoogleInstanceIdentityToken) },
	"agentsdk.AWSInstanceIdentityToken@pre":    func() any { return new(agentsdkpre.AWSInstanceIdentityToken) },
	"agentsdk.AzureInstanceIdentityToken@pre":  func() any { return new(agentsdkpre.AzureInstanceIdentityToken) },
	"agentsdk.GoogleInstanceIdentityToken@pre": func() any { return new(agentsdkpre.GoogleInstanceIdentityToken) },
	"codersdk.Response":                        func() any { return new(codersdk.Response) },
	"idtoken.jwtHeader":                        func() any { return new(idtoken.Header) },
	"idtoken.Payload":                          func() any { return new(idtoken.Payload) },
	"awsidentity.awsInstanceIdentityDocument":  func() any { return new(awsidentity.Document) },
	"azureidentity.metadata":                   func() any { return new(azureidentity.Metadata) },
}

func marshalValue(v any, html bool) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(html)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func ranges(pred func(rune) bool) [][2]int {
	var out [][2]int
	for r := 0; r <= unicode.MaxRune; r++ {
		if !pred(rune(r)) {
			continue
		}
		if n := len(out); n > 0 && out[n-1][1] == r-1 {
			out[n-1][1] = r
		} else {
			out = append(out, [2]int{r, r})
		}
	}
	return out
}

func handle(req request) answer {
	a := string(req.A)
	switch req.Op {
	case "version":
		return answer{"go": strings.TrimPrefix(runtimeVersion(), "go"), "unicode": unicode.Version}
	case "gjson":
		// a = document, b = path.
		r := gjson.Get(a, string(req.B))
		return answer{"str": []byte(r.String()), "raw": []byte(r.Raw), "exists": r.Exists(), "type": r.Type.String()}
	case "gjsonValid":
		return answer{"valid": gjson.Valid(a)}
	case "jsonString":
		// Encoder.Encode of a Go string (flag = SetEscapeHTML).
		out, err := marshalValue(a, req.Flag)
		return answer{"out": out, "err": errText(err)}
	case "jsonRemarshal":
		// json.Unmarshal into interface{}, then Encoder.Encode (flag = SetEscapeHTML); also MarshalIndent.
		var v any
		if err := json.Unmarshal(req.A, &v); err != nil {
			return answer{"err": err.Error()}
		}
		out, err := marshalValue(v, req.Flag)
		ind, _ := json.MarshalIndent(v, "", "  ")
		return answer{"out": out, "indent": ind, "err": errText(err)}
	case "jsonDecode", "jsonUnmarshal":
		// Into interface{}: json.NewDecoder(r).Decode or json.Unmarshal; the value re-marshaled.
		var v any
		var err error
		if req.Op == "jsonDecode" {
			err = json.NewDecoder(bytes.NewReader(req.A)).Decode(&v)
		} else {
			err = json.Unmarshal(req.A, &v)
		}
		if err != nil {
			return answer{"err": err.Error()}
		}
		out, merr := json.Marshal(v)
		return answer{"out": out, "merr": errText(merr)}
	case "decodeStruct", "unmarshalStruct":
		mk, ok := shapes[req.Shape]
		if !ok {
			return answer{"fatal": "unknown shape " + req.Shape}
		}
		v := mk()
		var err error
		if req.Op == "decodeStruct" {
			err = json.NewDecoder(bytes.NewReader(req.A)).Decode(v)
		} else {
			err = json.Unmarshal(req.A, v)
		}
		out, merr := json.Marshal(v)
		return answer{"err": errText(err), "out": out, "merr": errText(merr)}
	case "quote":
		return answer{"out": []byte(strconv.Quote(a))}
	case "quoteRune":
		// flag unused; a holds the rune as decimal text.
		r, _ := strconv.Atoi(a)
		return answer{"out": []byte(strconv.QuoteRune(rune(r)))}
	case "sprintfQ":
		return answer{"out": []byte(fmt.Sprintf("%q", a))}
	case "unicodeTables":
		return answer{
			"isPrint":        ranges(unicode.IsPrint),
			"strconvIsPrint": ranges(strconv.IsPrint),
			"isSpace":        ranges(unicode.IsSpace),
			"unicodeVersion": unicode.Version,
		}
	case "trimSpace":
		return answer{"out": []byte(strings.TrimSpace(a))}
	case "urlParse":
		u, err := url.Parse(a)
		if err != nil {
			return answer{"err": err.Error()}
		}
		user, pass, hasPass := "", "", false
		if u.User != nil {
			user = u.User.Username()
			pass, hasPass = u.User.Password()
		}
		return answer{
			"scheme": []byte(u.Scheme), "opaque": []byte(u.Opaque), "hasUser": u.User != nil,
			"username": []byte(user), "password": []byte(pass), "hasPassword": hasPass,
			"host": []byte(u.Host), "path": []byte(u.Path), "rawPath": []byte(u.RawPath),
			"omitHost": u.OmitHost, "forceQuery": u.ForceQuery, "rawQuery": []byte(u.RawQuery),
			"fragment": []byte(u.Fragment), "rawFragment": []byte(u.RawFragment),
			"string": []byte(u.String()), "hostname": []byte(u.Hostname()), "port": []byte(u.Port()),
			"escapedPath": []byte(u.EscapedPath()), "requestURI": []byte(u.RequestURI()),
		}
	case "queryEscape":
		return answer{"out": []byte(url.QueryEscape(a))}
	case "pathEscape":
		return answer{"out": []byte(url.PathEscape(a))}
	case "queryUnescape":
		s, err := url.QueryUnescape(a)
		return answer{"out": []byte(s), "err": errText(err)}
	case "parseMediaType":
		mt, params, err := mime.ParseMediaType(a)
		return answer{"mediaType": []byte(mt), "params": params, "err": errText(err)}
	case "timeUnmarshalJSON":
		var t time.Time
		if err := t.UnmarshalJSON(req.A); err != nil {
			return answer{"err": err.Error()}
		}
		out, merr := t.MarshalJSON()
		return answer{"out": out, "merr": errText(merr), "unix": t.Unix(), "nano": t.Nanosecond()}
	case "regexp":
		// a = pattern, b = subject.
		re, err := regexp.Compile(a)
		if err != nil {
			return answer{"err": err.Error()}
		}
		return answer{"match": re.MatchString(string(req.B))}
	case "parseFloat":
		// strconv.ParseFloat(a, 64) as gjson uses it (the error dropped), printed exactly ('g', -1).
		v, _ := strconv.ParseFloat(a, 64)
		return answer{"out": strconv.FormatFloat(v, 'g', -1, 64)}
	case "parseBool":
		v, err := strconv.ParseBool(a)
		return answer{"value": v, "err": errText(err)}
	case "net":
		// a = text: net.ParseIP, netip.ParseAddr (As16, zone), net.ParseCIDR, net.SplitHostPort of a (or its error's text);
		// b = an address for IPNet.Contains (if a is a CIDR) and IP.Equal/IsLoopback (ParseIP(b)).
		out := answer{}
		if ip := net.ParseIP(a); ip != nil {
			out["parseIP"] = []byte(ip.To16())
		}
		if addr, err := netip.ParseAddr(a); err == nil {
			as16 := addr.As16()
			out["addr"] = as16[:]
			out["zone"] = addr.Zone()
			out["loopback"] = net.IP(addr.AsSlice()).IsLoopback()
		}
		if _, n, err := net.ParseCIDR(a); err == nil {
			out["cidrIP"] = []byte(n.IP)
			out["cidrMask"] = []byte(n.Mask)
			if ip := net.ParseIP(string(req.B)); ip != nil {
				out["contains"] = n.Contains(ip)
			}
		}
		if h, p, err := net.SplitHostPort(a); err == nil {
			out["host"] = []byte(h)
			out["port"] = []byte(p)
			out["split"] = true
		} else if ae, ok := err.(*net.AddrError); ok {
			out["splitError"] = ae.Err
		}
		return out
	case "proxyForURL":
		// a = request URL; b = JSON {"http", "https", "no", "cgi"}: httpproxy.Config's fields (Go 1.26's
		// std vendors the same matching; the environment lookup is left out on purpose).
		var c struct {
			HTTP, HTTPS, No string
			CGI             bool
		}
		if err := json.Unmarshal(req.B, &c); err != nil {
			return answer{"err": err.Error()}
		}
		u, err := url.Parse(a)
		if err != nil {
			return answer{"err": err.Error()}
		}
		cfg := httpproxy.Config{HTTPProxy: c.HTTP, HTTPSProxy: c.HTTPS, NoProxy: c.No, CGI: c.CGI}
		p, err := cfg.ProxyFunc()(u)
		if err != nil {
			return answer{"err": err.Error()}
		}
		if p == nil {
			return answer{}
		}
		return answer{"proxy": []byte(p.String())}
	case "readResponse":
		// a = the bytes a connection delivered: http.ReadResponse's error on them (none: the head parsed).
		if _, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(req.A)), nil); err != nil {
			return answer{"err": err.Error()}
		}
		return answer{}
	case "transportReadResponse":
		// a = the bytes a connection delivered, read as the HTTP/1 transport reads a response: again after
		// each informational head (1xx other than 101 Switching Protocols); its error (none: a final head parsed).
		br := bufio.NewReader(bytes.NewReader(req.A))
		for {
			resp, err := http.ReadResponse(br, nil)
			if err != nil {
				return answer{"err": err.Error()}
			}
			if resp.StatusCode < 100 || resp.StatusCode > 199 || resp.StatusCode == http.StatusSwitchingProtocols {
				return answer{}
			}
		}
	case "csvRead":
		rec, err := csv.NewReader(strings.NewReader(a)).Read()
		out := make([][]byte, len(rec))
		for i, f := range rec {
			out[i] = []byte(f)
		}
		return answer{"record": out, "err": errText(err)}
	}
	return answer{"fatal": "unknown op " + req.Op}
}

func main() {
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for {
		line, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var req request
			if jerr := json.Unmarshal(line, &req); jerr != nil {
				_ = enc.Encode(answer{"fatal": "bad request: " + jerr.Error()})
			} else {
				_ = enc.Encode(handle(req))
			}
		}
		// Answer a whole batch before blocking on the next read.
		if in.Buffered() == 0 {
			out.Flush()
		}
		if err != nil {
			return
		}
	}
}
