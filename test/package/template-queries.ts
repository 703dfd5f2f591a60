// Small typed lookups over a CloudFormation template (resources by type, IAM statements, references).

/** A CloudFormation resource as it appears in a template; properties stay loosely typed. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Parameters?: Record<string, unknown>;
  Conditions?: Record<string, unknown>;
  Outputs?: Record<string, unknown>;
  [key: string]: unknown;
}

/** An IAM policy statement; Action, Resource and Condition keep their template form. */
export interface IamStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** `[logicalId, resource]` pairs of every resource of `type`. */
export const resourcesOfType = (template: CfnTemplate, type: string): [string, CfnResource][] =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

/** The resource with `logicalId`, failing with the ids that do exist. */
export const resourceById = (template: CfnTemplate, logicalId: string): CfnResource => {
  const resource = template.Resources[logicalId];
  if (resource === undefined) {
    throw new Error(`no resource ${logicalId}; have ${Object.keys(template.Resources).join(', ')}`);
  }
  return resource;
};

/** Statements of every inline policy of an AWS::IAM::Role. */
export const roleStatements = (role: CfnResource): IamStatement[] => {
  const policies = asArray(role.Properties?.['Policies'] as { PolicyDocument: { Statement: unknown } }[]);
  return policies.flatMap((policy) => asArray(policy.PolicyDocument.Statement as IamStatement | IamStatement[]));
};

/** Every statement of every role in the template, with the role it belongs to. */
export const allRoleStatements = (template: CfnTemplate): { role: string; statement: IamStatement }[] =>
  resourcesOfType(template, 'AWS::IAM::Role').flatMap(([role, resource]) =>
    roleStatements(resource).map((statement) => ({ role, statement })),
  );

export const actionsOf = (statement: IamStatement): string[] => asArray(statement.Action);

/** Statements, in any role, that grant `action`. */
export const statementsGranting = (template: CfnTemplate, action: string) =>
  allRoleStatements(template).filter(({ statement }) => actionsOf(statement).includes(action));

/**
 * Template properties are JSON of many shapes; a test's assertions say which shape it expects.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** Properties of the resource `logicalId` (failing with the ids that exist when there is none). */
export const propertiesOf = (template: CfnTemplate, logicalId: string): Json =>
  resourceById(template, logicalId).Properties ?? {};

/** Properties of every resource of `type`. */
export const propertiesOfType = (template: CfnTemplate, type: string): Json[] =>
  resourcesOfType(template, type).map(([, resource]) => resource.Properties ?? {});

/** Logical ids a function's `Role: !GetAtt X.Arn` points at. */
export const getAttTarget = (value: unknown): string | undefined => {
  const getAtt = (value as { 'Fn::GetAtt'?: unknown } | undefined)?.['Fn::GetAtt'];
  return Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
};

/** Names used by Ref, Fn::GetAtt, Fn::If and Condition anywhere under `node`, with what kind of name each is. */
export const referencedNames = (node: unknown): { kind: 'ref' | 'condition'; name: string }[] => {
  if (Array.isArray(node)) return node.flatMap(referencedNames);
  if (node === null || typeof node !== 'object') return [];
  const found: { kind: 'ref' | 'condition'; name: string }[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'Ref' && typeof value === 'string') found.push({ kind: 'ref', name: value });
    if (key === 'Fn::GetAtt' && Array.isArray(value)) found.push({ kind: 'ref', name: String(value[0]) });
    if (key === 'Fn::If' && Array.isArray(value)) found.push({ kind: 'condition', name: String(value[0]) });
    if (key === 'Condition' && typeof value === 'string') found.push({ kind: 'condition', name: value });
    found.push(...referencedNames(value));
  }
  return found;
};

/** The string of an `Fn::Sub` (empty when `value` is not one). */
export const subOf = (value: unknown): string => {
  const sub = (value as { 'Fn::Sub'?: unknown } | undefined)?.['Fn::Sub'];
  return typeof sub === 'string' ? sub : '';
};

/** Properties of the EventBridge rule named `name` (its `Name` property), if any. */
export const ruleNamed = (template: CfnTemplate, name: string): Json =>
  propertiesOfType(template, 'AWS::Events::Rule').find((rule) => rule.Name === name);

/** The async-invocation configs (retries, destinations) of the function `functionLogicalId`. */
export const invokeConfigsOf = (template: CfnTemplate, functionLogicalId: string): Json[] =>
  propertiesOfType(template, 'AWS::Lambda::EventInvokeConfig').filter((config) => config.FunctionName?.Ref === functionLogicalId);

/** Statements of the role `roleLogicalId` that grant `action`. */
export const roleStatementsGranting = (template: CfnTemplate, roleLogicalId: string, action: string): IamStatement[] =>
  roleStatements(resourceById(template, roleLogicalId)).filter((statement) => actionsOf(statement).includes(action));
