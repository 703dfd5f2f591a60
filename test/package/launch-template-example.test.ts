// Checks infra/launch-template-example.yml, the standalone template users deploy for their GPU hosts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCloudFormationYaml } from './cfn-yaml';
import { referencedNames, resourcesOfType, type CfnTemplate } from './template-queries';

const example = parseCloudFormationYaml(
  readFileSync(resolve(import.meta.dirname, '../../infra/launch-template-example.yml'), 'utf8'),
) as unknown as CfnTemplate;

interface LaunchTemplateData {
  MetadataOptions?: Record<string, unknown>;
  TagSpecifications?: { ResourceType: string; Tags: { Key: string }[] }[];
}

const launchTemplateData = (): LaunchTemplateData => {
  const launchTemplates = resourcesOfType(example, 'AWS::EC2::LaunchTemplate');
  expect(launchTemplates).toHaveLength(1);
  return (launchTemplates[0]?.[1].Properties?.['LaunchTemplateData'] ?? {}) as LaunchTemplateData;
};

describe('launch template example', () => {
  it('requires IMDSv2, exposes instance tags to the drain agent and allows two hops for containers', () => {
    // Act
    const data = launchTemplateData();
    // Assess
    expect(data.MetadataOptions).toMatchObject({
      HttpTokens: 'required',
      InstanceMetadataTags: 'enabled',
      HttpPutResponseHopLimit: 2,
    });
  });

  it('tags every instance autopilot:managed, the tag the autopilot role requires to drain it', () => {
    // Act
    const instanceSpec = launchTemplateData().TagSpecifications?.find((spec) => spec.ResourceType === 'instance');
    // Assess
    expect(instanceSpec?.Tags.map((tag) => tag.Key)).toContain('autopilot:managed');
  });

  it('is a well-formed template in which every Ref, GetAtt and condition resolves', () => {
    // Prepare
    const names = new Set([...Object.keys(example.Parameters ?? {}), ...Object.keys(example.Resources)]);
    const conditions = new Set(Object.keys(example.Conditions ?? {}));
    // Act
    const dangling = referencedNames(example).filter(({ kind, name }) =>
      kind === 'ref' ? !names.has(name) && !name.startsWith('AWS::') : !conditions.has(name),
    );
    // Assess
    expect(example['AWSTemplateFormatVersion']).toBe('2010-09-09');
    expect(Object.values(example.Resources).every((resource) => typeof resource.Type === 'string')).toBe(true);
    expect(dangling).toEqual([]);
  });
});
