import { Field, ObjectType } from '@nestjs/graphql';
import { StandardVersion } from '../entities/standard-version.entity.js';
import { ViolationType } from './standard.types.js';

@ObjectType()
export class ValidationReport {
  @Field()
  valid: boolean;

  @Field(() => StandardVersion)
  standardVersion: StandardVersion;

  @Field(() => [ViolationType])
  violations: ViolationType[];
}
