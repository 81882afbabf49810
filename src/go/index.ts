// Public API of src/go: Go semantics JavaScript lacks (strings, strconv, encoding/json, net/url, time, gjson).
// Other parts import only from this file.
export { isSpace, isPrint } from './unicode.ts';
export { trimSpace } from './strings.ts';
export { parseMediaType } from './mime.ts';
export { quote, quoteBytes, formatSliceV } from './quote.ts';
export { formatFloat, formatFloatJSON } from './float.ts';
export { jsonMarshal, jsonMarshalIndent, jsonEncode, jsonString } from './json/encode.ts';
export type { MarshalOptions, GoJSONMarshaler } from './json/encode.ts';
export { indentJSON } from './json/indent.ts';
export { queryEscape, pathEscape, encodeQuery } from './url/escape.ts';
export { codePoints, toWellFormed, utf8Encode, utf8DecodeLossy, compareUTF8 } from './utf8.ts';
export { jsonDecode, jsonUnmarshal, goJsonKind, checkValid, scanFirstValue } from './json/decode.ts';
export type { DecodeResult, JsonKind } from './json/decode.ts';
export { quoteChar } from './json/scanner.ts';
export { parseURL, DEFAULT_GO_URL_VERSION } from './url/parse.ts';
export type { ParseURLResult, ParseURLOptions, GoURLVersion } from './url/parse.ts';
export { GoURL, resolvePath } from './url/url.ts';
export type { GoUserinfo } from './url/url.ts';
export { queryUnescape, URLError } from './url/unescape.ts';
export { GoTime, zeroTime, formatRFC3339Nano } from './time/gotime.ts';
export { parseGoTimeJSON, parseRFC3339, parseStrictRFC3339, timeQuote } from './time/parse.ts';
export type { GoTimeResult } from './time/parse.ts';
export { gjsonGet, GjsonResult, gjsonParse, gjsonValid, matchLimit } from './gjson/index.ts';
export type { GjsonType } from './gjson/index.ts';
export { jsonDecodeTree } from './json/tree.ts';
export type { JsonNode, TreeResult } from './json/tree.ts';
