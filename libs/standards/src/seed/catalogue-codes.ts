/**
 * The content every installation starts with (the alliance publishes it as
 * version 1.0.0 of UOM, CURRENCY, MATERIAL-CLASS and PART-MASTER).
 */
export interface SeededCode {
  code: string;
  labelZh: string;
  labelEn: string;
}

/** UN/ECE Recommendation 20 units of measure in common use in discrete manufacturing. */
export const UOM_CODES: readonly SeededCode[] = [
  { code: 'C62', labelZh: '个（件）', labelEn: 'one (piece)' },
  { code: 'H87', labelZh: '件', labelEn: 'piece' },
  { code: 'KGM', labelZh: '千克', labelEn: 'kilogram' },
  { code: 'GRM', labelZh: '克', labelEn: 'gram' },
  { code: 'TNE', labelZh: '吨', labelEn: 'tonne (metric ton)' },
  { code: 'MTR', labelZh: '米', labelEn: 'metre' },
  { code: 'MMT', labelZh: '毫米', labelEn: 'millimetre' },
  { code: 'CMT', labelZh: '厘米', labelEn: 'centimetre' },
  { code: 'KMT', labelZh: '千米', labelEn: 'kilometre' },
  { code: 'MTK', labelZh: '平方米', labelEn: 'square metre' },
  { code: 'MTQ', labelZh: '立方米', labelEn: 'cubic metre' },
  { code: 'LTR', labelZh: '升', labelEn: 'litre' },
  { code: 'MLT', labelZh: '毫升', labelEn: 'millilitre' },
  { code: 'SET', labelZh: '套', labelEn: 'set' },
  { code: 'PR', labelZh: '对', labelEn: 'pair' },
  { code: 'BX', labelZh: '盒', labelEn: 'box' },
  { code: 'CT', labelZh: '纸箱', labelEn: 'carton' },
  { code: 'PA', labelZh: '包', labelEn: 'packet' },
  { code: 'PK', labelZh: '件包', labelEn: 'pack' },
  { code: 'ROL', labelZh: '卷', labelEn: 'roll' },
  { code: 'DZN', labelZh: '打（12个）', labelEn: 'dozen' },
  { code: 'HUR', labelZh: '小时', labelEn: 'hour' },
  { code: 'MIN', labelZh: '分钟', labelEn: 'minute' },
  { code: 'KWH', labelZh: '千瓦时', labelEn: 'kilowatt hour' },
  { code: 'NEW', labelZh: '牛顿', labelEn: 'newton' },
  { code: 'SH', labelZh: '张', labelEn: 'sheet' },
  { code: 'BG', labelZh: '袋', labelEn: 'bag' },
  { code: 'DR', labelZh: '桶', labelEn: 'drum' },
];

/** ISO 4217 currencies of China's main trading partners. */
export const CURRENCY_CODES: readonly SeededCode[] = [
  { code: 'CNY', labelZh: '人民币', labelEn: 'Chinese yuan renminbi' },
  { code: 'USD', labelZh: '美元', labelEn: 'US dollar' },
  { code: 'EUR', labelZh: '欧元', labelEn: 'Euro' },
  { code: 'JPY', labelZh: '日元', labelEn: 'Japanese yen' },
  { code: 'HKD', labelZh: '港元', labelEn: 'Hong Kong dollar' },
  { code: 'KRW', labelZh: '韩元', labelEn: 'South Korean won' },
  { code: 'GBP', labelZh: '英镑', labelEn: 'Pound sterling' },
  { code: 'TWD', labelZh: '新台币', labelEn: 'New Taiwan dollar' },
  { code: 'MOP', labelZh: '澳门元', labelEn: 'Macanese pataca' },
  { code: 'SGD', labelZh: '新加坡元', labelEn: 'Singapore dollar' },
  { code: 'AUD', labelZh: '澳大利亚元', labelEn: 'Australian dollar' },
  { code: 'CAD', labelZh: '加拿大元', labelEn: 'Canadian dollar' },
  { code: 'CHF', labelZh: '瑞士法郎', labelEn: 'Swiss franc' },
  { code: 'SEK', labelZh: '瑞典克朗', labelEn: 'Swedish krona' },
  { code: 'RUB', labelZh: '俄罗斯卢布', labelEn: 'Russian ruble' },
  { code: 'INR', labelZh: '印度卢比', labelEn: 'Indian rupee' },
  { code: 'THB', labelZh: '泰铢', labelEn: 'Thai baht' },
  { code: 'MYR', labelZh: '马来西亚林吉特', labelEn: 'Malaysian ringgit' },
  { code: 'VND', labelZh: '越南盾', labelEn: 'Vietnamese dong' },
  { code: 'IDR', labelZh: '印度尼西亚卢比', labelEn: 'Indonesian rupiah' },
  { code: 'BRL', labelZh: '巴西雷亚尔', labelEn: 'Brazilian real' },
  { code: 'MXN', labelZh: '墨西哥比索', labelEn: 'Mexican peso' },
  { code: 'AED', labelZh: '阿联酋迪拉姆', labelEn: 'UAE dirham' },
  { code: 'SAR', labelZh: '沙特里亚尔', labelEn: 'Saudi riyal' },
];

/** Material classes of the part master record (MATERIAL-CLASS). */
export const MATERIAL_CLASS_CODES: readonly SeededCode[] = [
  { code: 'GREY_IRON', labelZh: '灰铸铁', labelEn: 'Grey cast iron' },
  { code: 'DUCTILE_IRON', labelZh: '球墨铸铁', labelEn: 'Ductile iron' },
  { code: 'CAST_STEEL', labelZh: '铸钢', labelEn: 'Cast steel' },
  { code: 'CARBON_STEEL', labelZh: '碳素钢', labelEn: 'Carbon steel' },
  { code: 'ALLOY_STEEL', labelZh: '合金钢', labelEn: 'Alloy steel' },
  { code: 'BEARING_STEEL', labelZh: '轴承钢', labelEn: 'Bearing steel' },
  { code: 'STAINLESS_STEEL', labelZh: '不锈钢', labelEn: 'Stainless steel' },
  { code: 'ALUMINIUM', labelZh: '铝合金', labelEn: 'Aluminium alloy' },
  { code: 'COPPER', labelZh: '铜合金', labelEn: 'Copper alloy' },
  { code: 'PLASTIC', labelZh: '工程塑料', labelEn: 'Engineering plastic' },
  { code: 'RUBBER', labelZh: '橡胶', labelEn: 'Rubber' },
  { code: 'LUBRICANT', labelZh: '润滑油脂', labelEn: 'Lubricant' },
  { code: 'ASSEMBLY', labelZh: '组件（总成）', labelEn: 'Assembly' },
];
