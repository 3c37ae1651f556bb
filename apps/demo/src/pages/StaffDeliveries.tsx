import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useShopCopy } from '../i18n.js';
import { shopApi } from '../shop-api.js';

/** The BFF's signed webhooks to the shop: the latest events, their delivery status and attempts. */
export function StaffDeliveries(): ReactElement {
  const { t } = useShopCopy();
  const deliveries = useQuery({
    queryKey: ['shop', 'staff', 'deliveries'],
    queryFn: shopApi.staffDeliveries,
    // Deliveries move on their own (retries): a staff page left open follows them.
    refetchInterval: 5000,
  });
  const rows = deliveries.data?.deliveries ?? [];
  return (
    <section aria-labelledby="staff-deliveries">
      <h2 id="staff-deliveries">{t.deliveriesTitle}</h2>
      <p className="shop-hint">{t.deliveriesIntro}</p>
      {deliveries.isPending && <p>{t.loading}</p>}
      {deliveries.isError && <p role="alert">{t.loadFailed}</p>}
      {deliveries.isSuccess && rows.length === 0 && <p>{t.noDeliveries}</p>}
      {rows.length > 0 && (
        <table className="shop-table">
          <caption>{t.deliveriesTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t.eventType}</th>
              <th scope="col">{t.status}</th>
              <th scope="col">{t.attempts}</th>
              <th scope="col">{t.lastAnswer}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.eventId}>
                <td>
                  <code>{d.type}</code>
                </td>
                <td>{t.deliveryStatus[d.status]}</td>
                <td>{d.attempts}</td>
                <td>{d.lastStatusCode ?? d.lastError ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
