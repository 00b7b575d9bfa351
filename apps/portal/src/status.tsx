import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const ORDER_COLORS: Record<string, string> = {
  DRAFT: 'default',
  PUBLISHED: 'blue',
  CHANGE_PROPOSED: 'orange',
  CONFIRMED: 'green',
  REJECTED: 'red',
  PARTIALLY_SHIPPED: 'cyan',
  SHIPPED: 'geekblue',
  RECEIVED: 'purple',
  CLOSED: 'default',
  CANCELLED: 'default',
};
const LINE_COLORS: Record<string, string> = {
  PENDING: 'blue',
  ACCEPTED: 'green',
  CHANGE_PROPOSED: 'orange',
  REJECTED: 'red',
  CANCELLED: 'default',
};

export function OrderStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={ORDER_COLORS[status]} data-testid="order-status">
      {t(`status.${status}`)}
    </Tag>
  );
}

export function LineStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={LINE_COLORS[status]}>{t(`lineStatus.${status}`)}</Tag>;
}
