import { formatIdr } from '@kki-kit/contract';
import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useShopCopy } from '../i18n.js';
import { shopApi } from '../shop-api.js';

/** The sandbox's test values (served by the demo server from the sandbox's own tables). */
export function TestValuesPage(): ReactElement {
  const { t, locale } = useShopCopy();
  const values = useQuery({
    queryKey: ['shop', 'test-values'],
    queryFn: shopApi.testValues,
    staleTime: Infinity,
  });
  if (values.isPending) return <p>{t.loading}</p>;
  if (values.isError) return <p role="alert">{t.loadFailed}</p>;
  const { kki, cards } = values.data;
  return (
    <section aria-labelledby="tv-title">
      <h1 id="tv-title">{t.testValuesTitle}</h1>
      <p>{t.testValuesIntro}</p>

      <h2>{t.kkiCards}</h2>
      <table className="shop-table">
        <caption>{t.kkiCards}</caption>
        <thead>
          <tr>
            <th scope="col">Issuer</th>
            <th scope="col">{t.cardNumber}</th>
          </tr>
        </thead>
        <tbody>
          {kki.cards.map((issuer) => (
            <tr key={issuer.issuer}>
              <td>{issuer.name}</td>
              <td>
                <code>{issuer.cards.join(' · ')}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="shop-dl">
        <dt>{t.kkiOtp}</dt>
        <dd>
          <code>{kki.otp.correct}</code> (max {kki.otp.maxAttempts})
        </dd>
        <dt>{t.kkiOtt}</dt>
        <dd>
          ✓ <code>{kki.ott.valid}</code> {t.kkiOttOnce} · ✗ <code>{kki.ott.invalid}</code> · ⌛{' '}
          <code>{kki.ott.expired}</code>
        </dd>
        <dt>{t.amount}</dt>
        <dd>≤ {formatIdr(kki.amounts.creditLimit, locale)}</dd>
      </dl>

      <h2>{t.kkiCases}</h2>
      <div className="table-scroll">
        <table className="shop-table">
          <caption>{t.kkiCases}</caption>
          <thead>
            <tr>
              <th scope="col">{t.flow}</th>
              <th scope="col">{t.caseCode}</th>
              <th scope="col">{t.value}</th>
              <th scope="col">{t.meaning}</th>
            </tr>
          </thead>
          <tbody>
            {kki.cases.map((c) => (
              <tr key={`${c.flow}-${c.caseCode}-${c.trigger}-${c.value}`}>
                <td>{c.flow}</td>
                <td>
                  {c.caseCode} <small>({c.responseCode})</small>
                </td>
                <td>
                  <code>{c.value}</code>
                </td>
                <td>
                  {c.meaning}
                  {c.note ? ` — ${c.note}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t.cardsTitle}</h2>
      {cards?.threeDs && (
        <p>
          {t.threeDsOtp}: <code>{cards.threeDs.otp}</code> · {cards.expiry} · CVV {cards.cvv}
        </p>
      )}
      <div className="table-scroll">
        <table className="shop-table">
          <caption>{t.cardsTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t.cardNumber}</th>
              <th scope="col">Brand</th>
              <th scope="col">Issuer</th>
              <th scope="col">{t.outcome}</th>
            </tr>
          </thead>
          <tbody>
            {(cards?.cards ?? []).map((c) => (
              <tr key={c.id}>
                <td>
                  <code>{c.number}</code>
                </td>
                <td>
                  {c.brand} {c.type}
                </td>
                <td>{c.issuerName}</td>
                <td>
                  {c.outcome.kind === 'decline'
                    ? `decline ${c.outcome.responseCode ?? ''} ${c.outcome.responseMessage ?? ''}`
                    : c.outcome.kind === 'threeDs'
                      ? '3-D Secure → approve'
                      : 'approve'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
