import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLocale, rememberLocale } from './i18n.js';

/** 中文 ⇄ English, on every page; the choice is remembered in this browser. */
export function LocaleSwitch() {
  const { t } = useTranslation();
  return (
    <Button
      type="text"
      onClick={() => rememberLocale(currentLocale() === 'en' ? 'zh-CN' : 'en')}
      aria-label={t('locale.label')}
      data-testid="locale-switch"
    >
      {t('locale.switch')}
    </Button>
  );
}
