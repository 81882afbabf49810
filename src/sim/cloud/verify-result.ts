// Result shape shared by the identity verifiers coderd's simulator calls: the instance ID, or the
// text that becomes the 401 (or, for Google claims, 400) `detail`.
export type VerifyResult = { ok: true; instanceId: string } | { ok: false; detail: string };

export type GoogleVerifyResult = { ok: true; instanceId: string } | { ok: false; status: 401 | 400; detail: string };
