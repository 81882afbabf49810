// The codersdk/agentsdk response structs the agent client decodes (src/go's decodeGoStruct does the decoding).
import type { GoStructType } from '../../go/index.ts';

export const RESPONSE_SCHEMA: GoStructType = {
  typeName: 'codersdk.Response',
  structName: 'Response',
  fields: [
    ['message', { kind: 'string' }],
    ['detail', { kind: 'string' }],
    [
      'validations',
      {
        kind: 'slice',
        of: {
          typeName: 'codersdk.ValidationError',
          structName: 'ValidationError',
          fields: [
            ['field', { kind: 'string' }],
            ['detail', { kind: 'string' }],
          ],
        },
      },
    ],
  ],
};

export const AUTHENTICATE_RESPONSE_SCHEMA: GoStructType = {
  typeName: 'agentsdk.AuthenticateResponse',
  structName: 'AuthenticateResponse',
  fields: [['session_token', { kind: 'string' }]],
};
