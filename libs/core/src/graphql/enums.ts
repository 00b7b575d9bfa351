import { registerEnumType } from '@nestjs/graphql';
import { OrgKind, Role } from '../context/roles.js';

/** The four levels of the national smart-factory gradient programme (基础级, 先进级, 卓越级, 领航级). */
export enum GradientLevel {
  BASIC = 'BASIC',
  ADVANCED = 'ADVANCED',
  EXCELLENT = 'EXCELLENT',
  NAVIGATOR = 'NAVIGATOR',
}

registerEnumType(Role, { name: 'Role' });
registerEnumType(OrgKind, { name: 'OrgKind' });
registerEnumType(GradientLevel, { name: 'GradientLevel' });
