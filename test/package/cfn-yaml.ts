// Parses CloudFormation YAML (short intrinsic tags such as !Ref and !If) into the JSON form CloudFormation uses.
import { parse, type Tags } from 'yaml';

const FUNCTIONS = ['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub'];
const CONDITIONS = ['And', 'Equals', 'If', 'Not', 'Or'];

/** `!GetAtt A.B` is the one short form whose scalar becomes a list. */
const getAtt = (value: string): string[] => {
  const dot = value.indexOf('.');
  return [value.slice(0, dot), value.slice(dot + 1)];
};

const cloudFormationTags = (): Tags => {
  const tags: Tags = [
    { tag: '!Ref', resolve: (value: string) => ({ Ref: value }) },
    { tag: '!Condition', resolve: (value: string) => ({ Condition: value }) },
    { tag: '!GetAtt', resolve: (value: string) => ({ 'Fn::GetAtt': getAtt(value) }) },
    { tag: '!GetAtt', collection: 'seq', resolve: (seq) => ({ 'Fn::GetAtt': seq.toJSON() }) },
  ];
  for (const name of [...FUNCTIONS, ...CONDITIONS]) {
    tags.push({ tag: `!${name}`, resolve: (value: string) => ({ [`Fn::${name}`]: value }) });
    tags.push({ tag: `!${name}`, collection: 'seq', resolve: (seq) => ({ [`Fn::${name}`]: seq.toJSON() }) });
    tags.push({ tag: `!${name}`, collection: 'map', resolve: (map) => ({ [`Fn::${name}`]: map.toJSON() }) });
  }
  return tags;
};

/** A CloudFormation template in YAML, as the object CloudFormation would see. */
export const parseCloudFormationYaml = (text: string): Record<string, unknown> =>
  parse(text, { customTags: cloudFormationTags() }) as Record<string, unknown>;
