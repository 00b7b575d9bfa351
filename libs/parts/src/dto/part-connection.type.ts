import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@anchorlink/core';
import { Part } from '../entities/part.entity.js';

@ObjectType('PartConnection')
export class PartConnection extends Connection(Part) {}
