import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DecimalScalar } from '@anchorlink/core';

export enum StandardKind {
  CODE_LIST = 'CODE_LIST',
  RECORD_SCHEMA = 'RECORD_SCHEMA',
}
registerEnumType(StandardKind, { name: 'StandardKind' });

export enum StandardStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  DEPRECATED = 'DEPRECATED',
  RETIRED = 'RETIRED',
}
registerEnumType(StandardStatus, { name: 'StandardStatus' });

export enum FieldType {
  STRING = 'STRING',
  INTEGER = 'INTEGER',
  DECIMAL = 'DECIMAL',
  BOOLEAN = 'BOOLEAN',
  DATE = 'DATE',
  CODE = 'CODE',
}
registerEnumType(FieldType, { name: 'FieldType' });

/** One code of a code list (代码表), as stored in a version. */
@ObjectType()
export class CodeEntry {
  @Field()
  code: string;

  @Field()
  labelZh: string;

  @Field()
  labelEn: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field()
  deprecated: boolean;
}

/** One field of a record schema (数据结构), as stored in a version. */
@ObjectType()
export class FieldDefinition {
  @Field()
  name: string;

  @Field(() => FieldType)
  type: FieldType;

  @Field()
  required: boolean;

  @Field(() => String, { nullable: true })
  codeList: string | null;

  @Field(() => String, { nullable: true })
  pattern: string | null;

  @Field(() => Int, { nullable: true })
  minLength: number | null;

  @Field(() => Int, { nullable: true })
  maxLength: number | null;

  @Field(() => DecimalScalar, { nullable: true })
  minimum: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  maximum: string | null;

  @Field(() => String, { nullable: true })
  unit: string | null;

  @Field(() => String, { nullable: true })
  description: string | null;
}

@ObjectType()
export class Compatibility {
  @Field()
  breaking: boolean;

  /** Each change in words, in the caller's locale. */
  @Field(() => [String])
  changes: string[];
}

/** What publishing a draft version would report (`standardVersionPublicationPreview`), before it is confirmed. */
@ObjectType()
export class PublicationPreview {
  @Field(() => String, { nullable: true, description: 'The released version compared against; null for the first version.' })
  against: string | null;

  @Field({ description: 'Whether the changes can make existing data invalid.' })
  breaking: boolean;

  @Field(() => [String], { description: "Each change in words, in the caller's locale." })
  changes: string[];

  @Field({ description: 'The smallest version step the changes need: major, minor, patch or none.' })
  requiredStep: string;

  @Field(() => String, {
    nullable: true,
    description: "The draft's step from the compared version (none when not greater); null for the first version.",
  })
  versionStep: string | null;

  @Field({ description: 'Whether publishing would succeed with this version number.' })
  publishable: boolean;
}

@ObjectType('Violation')
export class ViolationType {
  @Field()
  path: string;

  @Field()
  rule: string;

  @Field()
  message: string;
}

@InputType()
export class CodeEntryInput {
  @Field()
  code: string;

  @Field()
  labelZh: string;

  @Field()
  labelEn: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Boolean, { nullable: true })
  deprecated?: boolean | null;
}

@InputType()
export class FieldDefinitionInput {
  @Field()
  name: string;

  @Field(() => FieldType)
  type: FieldType;

  @Field()
  required: boolean;

  @Field(() => String, { nullable: true })
  codeList?: string | null;

  @Field(() => String, { nullable: true })
  pattern?: string | null;

  @Field(() => Int, { nullable: true })
  minLength?: number | null;

  @Field(() => Int, { nullable: true })
  maxLength?: number | null;

  @Field(() => DecimalScalar, { nullable: true })
  minimum?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  maximum?: string | null;

  @Field(() => String, { nullable: true })
  unit?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType()
export class CreateDataStandardInput {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => StandardKind)
  kind: StandardKind;
}

@InputType()
export class StandardVersionInput {
  @Field()
  version: string;

  @Field(() => String, { nullable: true })
  changeSummary?: string | null;

  @Field(() => [CodeEntryInput], { nullable: true })
  codes?: CodeEntryInput[] | null;

  @Field(() => [FieldDefinitionInput], { nullable: true })
  fields?: FieldDefinitionInput[] | null;
}
