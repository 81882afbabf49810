// The machine schema (what it accepts and refuses) and the defaults for omitted fields.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { metadataSchema, resolveAws, resolveAzure, resolveGcp } from './config.ts';

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(metadataSchema);

const SAMPLE = `
aws:   { instanceId: i-0123456789abcdef0, region: us-east-1, accountId: "123456789012", availabilityZone: us-east-1a, instanceType: t3.micro, imageId: ami-0abcdef1234567890, privateIp: 10.0.0.12 }
azure: { vmId: 02aab8a4-74ef-476e-8182-f6d2ba4166a6, subscriptionId: 8d10da13-8125-4ba9-a717-bf7490507b3d, sku: 22_04-lts-gen2 }
gcp:   { instanceId: "5915414316487305842", projectId: coder-conformance, zone: us-central1-a, instanceName: dev-vm, serviceAccounts: [default], expired: false }
`;

describe('metadataSchema', () => {
  test('accepts the documented machine section and an empty one', () => {
    expect(validate(parse(SAMPLE))).toBe(true);
    expect(validate({})).toBe(true);
  });

  test.each([
    [{ oracle: {} }, '', 'additionalProperties'],
    [{ aws: { region: 'us-east-1' } }, '/aws', 'required'],
    [{ aws: { instanceId: 'i-1', accountId: 123456789012 } }, '/aws/accountId', 'type'],
    [{ aws: { instanceId: 'i-1', accountId: '12345' } }, '/aws/accountId', 'pattern'],
    [{ azure: { vmId: 'v', vmid: 'w' } }, '/azure', 'additionalProperties'],
    [{ gcp: { instanceId: '1', serviceAccounts: 'default' } }, '/gcp/serviceAccounts', 'type'],
    [{ gcp: { instanceId: '1', expired: 'yes' } }, '/gcp/expired', 'type'],
    [{ gcp: { instanceId: 1 } }, '/gcp/instanceId', 'type'],
    [{ gcp: { instanceId: '' } }, '/gcp/instanceId', 'minLength'],
  ])('rejects %j at %s (%s)', (machine, pointer, keyword) => {
    expect(validate(machine)).toBe(false);
    expect(validate.errors?.map((e) => [e.instancePath, e.keyword])).toContainEqual([pointer, keyword]);
  });
});

describe('defaults for omitted fields', () => {
  test('aws', () => {
    expect(resolveAws({ instanceId: 'i-1' })).toEqual({
      instanceId: 'i-1',
      region: 'us-east-1',
      accountId: '123456789012',
      availabilityZone: 'us-east-1a',
      instanceType: 't3.micro',
      imageId: 'ami-0abcdef1234567890',
      privateIp: '10.0.0.12',
      architecture: 'x86_64',
      pendingTime: '2026-01-01T00:00:00Z',
    });
  });

  test('azure', () => {
    expect(resolveAzure({ vmId: 'v', plan: { name: 'p' } })).toEqual({
      vmId: 'v',
      subscriptionId: '',
      sku: '',
      licenseType: '',
      plan: { name: 'p', product: '', publisher: '' },
    });
  });

  test('gcp', () => {
    expect(resolveGcp({ instanceId: '1' })).toEqual({
      instanceId: '1',
      projectId: 'coder-conformance',
      projectNumber: 123456789012,
      zone: 'us-central1-a',
      instanceName: 'dev-vm',
      instanceCreationTimestamp: 1767225600,
      serviceAccounts: ['default'],
      expired: false,
    });
  });
});
