import { OrgKind, Role } from '@anchorlink/core';
import { creditCodeCheckCharacter } from '@anchorlink/identity';
import { demoId } from './demo-ids.js';

/** The password of every demo account. */
export const DEMO_PASSWORD = 'Anchorlink-Demo-2026';

function creditCode(first17: string): string {
  return first17 + creditCodeCheckCharacter(first17);
}

export interface DemoOrganization {
  key: string;
  id: string;
  name: string;
  nameEn: string;
  kind: OrgKind;
  creditCode: string;
}

export interface DemoUser {
  email: string;
  displayName: string;
  organization: string;
  roles: Role[];
}

export interface DemoPart {
  anchor: string;
  partNumber: string;
  description: string;
  uom: string;
  attributes: Record<string, string>;
  suppliers: { supplier: string; supplierPartNumber: string; leadTimeDays: number }[];
}

const org = (key: string, name: string, nameEn: string, kind: OrgKind, code17: string): DemoOrganization => ({
  key,
  id: demoId(`organization:${key}`),
  name,
  nameEn,
  kind,
  creditCode: creditCode(code17),
});

export const DEMO_ORGANIZATIONS = {
  alliance: org(
    'alliance',
    '长三角智能制造产业联盟',
    'Yangtze River Delta Intelligent Manufacturing Alliance',
    OrgKind.ALLIANCE,
    '51310000MJ4960021',
  ),
  anchor: org('anchor', '远航重工', 'Yuanhang Heavy Industry', OrgKind.ANCHOR, '91320500MA1N7Q3K0'),
  castings: org('castings', '精工铸造', 'Jinggong Castings', OrgKind.SUPPLIER, '91320583MA20XK4T1'),
  bearings: org('bearings', '华东轴承', 'Huadong Bearings', OrgKind.SUPPLIER, '91330281MA2H6L8P2'),
  hydraulics: org('hydraulics', '恒通液压', 'Hengtong Hydraulics', OrgKind.SUPPLIER, '91320412MA1W3R5N3'),
  anchor2: org('anchor2', '东方精机', 'Dongfang Precision', OrgKind.ANCHOR, '91310115MA1K9D2C4'),
} as const;

export const DEMO_USERS: DemoUser[] = [
  {
    email: 'standards@alliance.demo',
    displayName: '陈敏（联盟标准管理员）',
    organization: 'alliance',
    roles: [Role.ORG_ADMIN, Role.STANDARDS_ADMIN],
  },
  { email: 'buyer@anchor.demo', displayName: '王磊（采购）', organization: 'anchor', roles: [Role.PROCUREMENT] },
  { email: 'planner@anchor.demo', displayName: '李娜（计划）', organization: 'anchor', roles: [Role.PLANNER] },
  { email: 'admin@anchor.demo', displayName: '张伟（管理员）', organization: 'anchor', roles: [Role.ORG_ADMIN] },
  {
    email: 'sales@castings.demo',
    displayName: '刘洋（精工铸造销售）',
    organization: 'castings',
    roles: [Role.ORG_ADMIN, Role.SUPPLIER_SALES],
  },
  {
    email: 'sales@bearings.demo',
    displayName: '赵静（华东轴承销售）',
    organization: 'bearings',
    roles: [Role.ORG_ADMIN, Role.SUPPLIER_SALES],
  },
  {
    email: 'sales@hydraulics.demo',
    displayName: '孙强（恒通液压销售）',
    organization: 'hydraulics',
    roles: [Role.ORG_ADMIN, Role.SUPPLIER_SALES],
  },
  { email: 'buyer@anchor2.demo', displayName: '周婷（东方精机采购）', organization: 'anchor2', roles: [Role.PROCUREMENT] },
];

/** Anchor → supplier partnerships, all ACTIVE, with the anchor's vendor number. */
export const DEMO_PARTNERSHIPS = [
  { anchor: 'anchor', supplier: 'castings', supplierCode: 'V10023' },
  { anchor: 'anchor', supplier: 'bearings', supplierCode: 'V10031' },
  { anchor: 'anchor', supplier: 'hydraulics', supplierCode: 'V10047' },
  { anchor: 'anchor2', supplier: 'bearings', supplierCode: 'DF-S-008' },
];

export const DEMO_PARTS: DemoPart[] = [
  // 远航重工: excavator and crane components.
  {
    anchor: 'anchor',
    partNumber: 'YH-CST-1001',
    description: '回转支承座铸件 Slewing bearing seat casting',
    uom: 'H87',
    attributes: { material: 'QT500-7', weightKg: '186.5', drawingNumber: 'YH-DWG-1001-B', materialClass: 'DUCTILE_IRON' },
    suppliers: [{ supplier: 'castings', supplierPartNumber: 'JG-ZJ-0815', leadTimeDays: 35 }],
  },
  {
    anchor: 'anchor',
    partNumber: 'YH-CST-1002',
    description: '配重块铸件 Counterweight casting 2.4 t',
    uom: 'H87',
    attributes: { material: 'HT200', weightKg: '2400', drawingNumber: 'YH-DWG-1002-A', materialClass: 'GREY_IRON' },
    suppliers: [{ supplier: 'castings', supplierPartNumber: 'JG-ZJ-0902', leadTimeDays: 42 }],
  },
  {
    anchor: 'anchor',
    partNumber: 'YH-CST-1003',
    description: '变速箱壳体铸件 Gearbox housing casting',
    uom: 'H87',
    attributes: { material: 'QT450-10', weightKg: '78.2', drawingNumber: 'YH-DWG-1003-C', materialClass: 'DUCTILE_IRON' },
    suppliers: [{ supplier: 'castings', supplierPartNumber: 'JG-ZJ-1107', leadTimeDays: 30 }],
  },
  {
    anchor: 'anchor',
    partNumber: 'YH-CST-1004',
    description: '多路阀阀体铸件 Multi-way valve body casting',
    uom: 'H87',
    attributes: { material: 'HT300', weightKg: '42.0', drawingNumber: 'YH-DWG-1004-A', materialClass: 'GREY_IRON' },
    suppliers: [
      { supplier: 'castings', supplierPartNumber: 'JG-FT-0310', leadTimeDays: 38 },
      { supplier: 'hydraulics', supplierPartNumber: 'HT-VB-2207', leadTimeDays: 45 },
    ],
  },
  {
    anchor: 'anchor',
    partNumber: 'YH-BRG-2001',
    description: '回转支承 Ø1200 Slewing ring bearing Ø1200',
    uom: 'H87',
    attributes: { material: '42CrMo', weightKg: '265', drawingNumber: 'YH-DWG-2001-A', materialClass: 'ALLOY_STEEL' },
    suppliers: [{ supplier: 'bearings', supplierPartNumber: 'HD-HZ-011.40.1200', leadTimeDays: 28 }],
  },
  {
    anchor: 'anchor',
    partNumber: 'YH-BRG-2002',
    description: '圆锥滚子轴承 32218 Tapered roller bearing 32218',
    uom: 'H87',
    attributes: { material: 'GCr15', weightKg: '3.72', drawingNumber: 'YH-DWG-2002-A', materialClass: 'BEARING_STEEL' },
    suppliers: [{ supplier: 'bearings', supplierPartNumber: 'HD-32218-P6', leadTimeDays: 14 }],
  },
  {
    anchor: 'anchor',
    partNumber: 'YH-BRG-2003',
    description: '深沟球轴承 6312-2RS Deep groove ball bearing 6312-2RS',
    uom: 'H87',
    attributes: { material: 'GCr15', weightKg: '1.71', drawingNumber: 'YH-DWG-2003-A', materialClass: 'BEARING_STEEL' },
    suppliers: [{ supplier: 'bearings', supplierPartNumber: 'HD-6312-2RS', leadTimeDays: 10 }],
  },
  {
    anchor: 'anchor',
    partNumber: 'YH-BRG-2004',
    description: '调心滚子轴承 22320 Spherical roller bearing 22320',
    uom: 'H87',
    attributes: { material: 'GCr15SiMn', weightKg: '11.4', drawingNumber: 'YH-DWG-2004-B', materialClass: 'BEARING_STEEL' },
    suppliers: [{ supplier: 'bearings', supplierPartNumber: 'HD-22320-CA', leadTimeDays: 21 }],
  },
  {
    anchor: 'anchor',
    partNumber: 'YH-HYD-3001',
    description: '动臂油缸 160/110-1350 Boom cylinder',
    uom: 'H87',
    attributes: { material: '27SiMn', weightKg: '312', drawingNumber: 'YH-DWG-3001-D', materialClass: 'ALLOY_STEEL' },
    suppliers: [{ supplier: 'hydraulics', supplierPartNumber: 'HT-DB-160-1350', leadTimeDays: 30 }],
  },
  {
    anchor: 'anchor',
    partNumber: 'YH-HYD-3002',
    description: '斗杆油缸 180/125-1620 Arm cylinder',
    uom: 'H87',
    attributes: { material: '27SiMn', weightKg: '398', drawingNumber: 'YH-DWG-3002-C', materialClass: 'ALLOY_STEEL' },
    suppliers: [{ supplier: 'hydraulics', supplierPartNumber: 'HT-DG-180-1620', leadTimeDays: 30 }],
  },
  {
    anchor: 'anchor',
    partNumber: 'YH-HYD-3003',
    description: '主泵总成 K3V140 Main pump assembly',
    uom: 'SET',
    attributes: { material: 'assembly', weightKg: '128', drawingNumber: 'YH-DWG-3003-A', materialClass: 'ASSEMBLY' },
    suppliers: [{ supplier: 'hydraulics', supplierPartNumber: 'HT-PUMP-K3V140', leadTimeDays: 60 }],
  },
  {
    anchor: 'anchor',
    partNumber: 'YH-HYD-3004',
    description: '液压钢管 Ø25×3 Hydraulic steel tube',
    uom: 'MTR',
    attributes: { material: '20#', weightKg: '1.63', drawingNumber: 'YH-DWG-3004-A', materialClass: 'CARBON_STEEL' },
    suppliers: [{ supplier: 'hydraulics', supplierPartNumber: 'HT-GG-25X3', leadTimeDays: 12 }],
  },
  {
    anchor: 'anchor',
    partNumber: 'YH-HYD-3005',
    description: '抗磨液压油 L-HM46 Anti-wear hydraulic oil',
    uom: 'LTR',
    attributes: { material: 'L-HM46', weightKg: '0.87', drawingNumber: 'YH-SPEC-3005', materialClass: 'LUBRICANT' },
    suppliers: [{ supplier: 'hydraulics', supplierPartNumber: 'HT-OIL-HM46', leadTimeDays: 7 }],
  },
  {
    anchor: 'anchor',
    partNumber: 'YH-CST-1005',
    description: '驱动轮铸钢件 Drive sprocket steel casting',
    uom: 'H87',
    attributes: { material: 'ZG35CrMo', weightKg: '96.0', drawingNumber: 'YH-DWG-1005-A', materialClass: 'CAST_STEEL' },
    suppliers: [{ supplier: 'castings', supplierPartNumber: 'JG-ZG-0421', leadTimeDays: 40 }],
  },
  // 东方精机: machine-tool bearings, all from 华东轴承.
  {
    anchor: 'anchor2',
    partNumber: 'DF-BRG-501',
    description: '精密角接触球轴承 7014C/P4 Precision angular contact bearing',
    uom: 'H87',
    attributes: { material: 'GCr15', weightKg: '0.62', drawingNumber: 'DF-D-501', materialClass: 'BEARING_STEEL' },
    suppliers: [{ supplier: 'bearings', supplierPartNumber: 'HD-7014C-P4', leadTimeDays: 20 }],
  },
  {
    anchor: 'anchor2',
    partNumber: 'DF-BRG-502',
    description: '主轴轴承组 Spindle bearing set (DB)',
    uom: 'SET',
    attributes: { material: 'GCr15', weightKg: '1.9', drawingNumber: 'DF-D-502', materialClass: 'BEARING_STEEL' },
    suppliers: [{ supplier: 'bearings', supplierPartNumber: 'HD-SET-7016-DB', leadTimeDays: 25 }],
  },
  {
    anchor: 'anchor2',
    partNumber: 'DF-BRG-503',
    description: '直线导轨滑块 HGH30 Linear guide carriage',
    uom: 'H87',
    attributes: { material: 'S55C', weightKg: '0.88', drawingNumber: 'DF-D-503', materialClass: 'CARBON_STEEL' },
    suppliers: [{ supplier: 'bearings', supplierPartNumber: 'HD-LG-HGH30', leadTimeDays: 18 }],
  },
  {
    anchor: 'anchor2',
    partNumber: 'DF-BRG-504',
    description: '滚珠丝杠支撑轴承 BSB3062 Ball screw support bearing',
    uom: 'H87',
    attributes: { material: 'GCr15', weightKg: '0.45', drawingNumber: 'DF-D-504', materialClass: 'BEARING_STEEL' },
    suppliers: [{ supplier: 'bearings', supplierPartNumber: 'HD-BSB3062', leadTimeDays: 22 }],
  },
];
