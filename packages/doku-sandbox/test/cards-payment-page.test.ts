// POST /credit-card/v1/payment-page: DOKU's request rules (seed 002, doku-api.md §7.1) and the
// answer's shape (page URL format, session id).
import { INVOICE_NUMBER_MAX_MANDIRI, nonSnapTimestamp, signNonSnap, toBase64, utf8 } from '@kki-kit/doku';
import { describe, expect, it } from 'vitest';
import { INSTALLMENT_PLANS } from '../src/cards/index.js';
import { expectError, type Json, newInvoice, pageRequest, setupCards } from './cards-support.js';

const PAGE = '/credit-card/v1/payment-page';

/** A request with parts replaced deep inside (`order`, `payment`, ... merged one level). */
function variant(change: (r: Json) => void): Json {
  const r = structuredClone(pageRequest()) as Json;
  change(r);
  return r;
}

async function rejected(body: unknown, message: string | RegExp) {
  const s = setupCards();
  const err = await expectError(await s.signed('POST', PAGE, body), 400, 'INVALID_PARAMETER');
  expect(err.errors.type).toBe('Invalid Parameter');
  if (typeof message === 'string') expect(err.errors.message).toBe(message);
  else expect(err.errors.message).toMatch(message);
}

async function accepted(body: unknown) {
  const s = setupCards();
  const res = await s.signed('POST', PAGE, body);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Json;
}

describe('answer', () => {
  it('returns the hosted page URL in DOKU format, pointing at this sandbox', async () => {
    const s = setupCards();
    const req = pageRequest();
    const requestId = 'b266c265-3d61-4708-9860-c0d5b9a98f8c';
    const timestamp = nonSnapTimestamp(s.clock.now());
    const res = await s.signed('POST', PAGE, req, { requestId, timestamp });
    const body = (await res.json()) as Json;
    const url = new URL(body.credit_card_payment_page.url);
    expect(url.origin).toBe('http://sandbox.test');
    expect(url.pathname).toBe('/wt-frontend-transaction/dynamic-payment-page');
    expect(url.searchParams.get('clientId')).toBe(s.config.clientId);
    expect(url.searchParams.get('invoiceNumber')).toBe(req.order.invoice_number);
    // DOKU-generated, not the merchant's Request-Id (§7.1 GUESS).
    expect(url.searchParams.get('requestId')).toMatch(/^[A-Za-z0-9]{20}$/);
    // Base64 of the request's Signature value without "HMACSHA256=" (§7.1).
    const sent = await signNonSnap({
      clientId: s.config.clientId,
      requestId,
      timestamp,
      requestTarget: PAGE,
      body: JSON.stringify(req),
      secretKey: s.config.secretKey,
    });
    expect(url.searchParams.get('signature')).toBe(toBase64(utf8(sent.slice('HMACSHA256='.length))));
    expect(body.order).toEqual({
      invoice_number: req.order.invoice_number,
      line_items: req.order.line_items,
    });
    expect(body.credit_card_js.session_id).toMatch(/^ps_sbx_\d+_[A-Za-z0-9]{10}$/);
    expect(body.additional_info).toBeUndefined();
  });

  it("encodes the signature parameter exactly as DOKU's sample does", () => {
    // doku-api.md §7.1: OVVQVUZ6… is Base64 of 9UPUFzOqJc47aJzD9ESOTcWg6TMsg3mqSP+DnUO8ENE=.
    expect(toBase64(utf8('9UPUFzOqJc47aJzD9ESOTcWg6TMsg3mqSP+DnUO8ENE='))).toBe(
      'OVVQVUZ6T3FKYzQ3YUp6RDlFU09UY1dnNlRNc2czbXFTUCtEblVPOEVORT0=',
    );
  });

  it('uses publicBaseUrl for the page when configured', async () => {
    const s = setupCards({ publicBaseUrl: 'https://pay.example.test/' });
    const { url } = await s.createPage();
    expect(url.origin).toBe('https://pay.example.test');
  });

  it('echoes additional_info.override_notification_url', async () => {
    const body = await accepted(
      variant((r) => {
        r.additional_info = {
          override_notification_url: 'https://another.example.com/payments/notifications',
        };
      }),
    );
    expect(body.additional_info).toEqual({
      override_notification_url: 'https://another.example.com/payments/notifications',
    });
  });

  it('accepts line items without a name (seed 002: order.line_items.name is optional)', async () => {
    await accepted({
      order: {
        invoice_number: newInvoice('NONAME'),
        amount: 60000,
        line_items: [{ price: 30000, quantity: 2 }],
        auto_redirect: false,
      },
      customer: { email: 'budi@example.com' },
    });
  });

  it("accepts DOKU's own sample request (installment variant of seed 003)", async () => {
    await accepted({
      order: {
        invoice_number: newInvoice('SAMPLE'),
        amount: 900000,
        line_items: [
          { name: 'T-Shirt Red', price: 300000, quantity: 2 },
          { name: 'Polo Navy', price: 300000, quantity: 1 },
        ],
        callback_url: 'https://merchant.com/success-url',
        failed_url: 'https://merchant.com/failed-url',
        auto_redirect: false,
        descriptor: 'Test Descriptor',
      },
      card: { save: false },
      customer: {
        id: 'CUST-0001',
        name: 'Jotaro Kujo',
        email: 'jotaro_kujo@example.com',
        phone: '6285694566147',
        address: 'Menara Mulia Lantai 8',
        country: 'ID',
      },
      payment: { type: 'INSTALLMENT', acquirer: 'BRI', tenor: 3 },
      override_configuration: {
        themes: {
          language: 'EN',
          background_color: 'F5F8FB',
          font_color: '1A1A1A',
          button_background_color: 'E1251B',
          button_font_color: 'FFFFFF',
        },
        promo: [
          { bin: '142498', discount_amount: 20000 },
          { bin: '091234', discount_amount: 10000 },
          { bin: '091234', discount_amount: 10000 },
        ],
        allow_bin: ['461700', '410505', '557338'],
        allow_tenor: [0, 3, 6],
      },
      additional_info: {
        override_notification_url: 'https://another.example.com/payments/notifications',
        disclaimer: { id: 'Testing', en: 'testing englis' },
      },
    });
  });
});

describe('order rules', () => {
  it('line items must add up to the amount', async () => {
    await rejected(
      variant((r) => {
        r.order.amount = 90001;
      }),
      'Invalid Total Amount And Line Items',
    );
    // No line items at all is fine.
    await accepted(
      variant((r) => {
        delete r.order.line_items;
      }),
    );
  });

  it('invoice_number is mandatory and at most 64 characters', async () => {
    await rejected(
      variant((r) => {
        delete r.order.invoice_number;
      }),
      'Invalid Mandatory Field order.invoice_number',
    );
    await rejected(
      variant((r) => {
        r.order.invoice_number = 'I'.repeat(65);
      }),
      'Invalid Field Format order.invoice_number',
    );
    await accepted(
      variant((r) => {
        r.order.invoice_number = `I${crypto.randomUUID().replace(/-/g, '')}`.padEnd(64, 'x');
      }),
    );
  });

  it(`with the Mandiri acquirer invoice_number is at most ${INVOICE_NUMBER_MAX_MANDIRI} characters`, async () => {
    const withInvoice = (n: number) =>
      variant((r) => {
        r.order.invoice_number = `M${Date.now()}`.padEnd(n, 'x');
        r.payment = { type: 'SALE', acquirer: 'BANK_MANDIRI' };
      });
    await rejected(withInvoice(INVOICE_NUMBER_MAX_MANDIRI + 1), 'Invalid Field Format order.invoice_number');
    await accepted(withInvoice(INVOICE_NUMBER_MAX_MANDIRI));
  });

  it('callback_url is mandatory with auto_redirect, and return URLs must be http(s)', async () => {
    await rejected(
      variant((r) => {
        r.order.auto_redirect = true;
        delete r.order.callback_url;
      }),
      'Invalid Mandatory Field order.callback_url',
    );
    await rejected(
      variant((r) => {
        r.order.failed_url = 'javascript:alert(1)';
      }),
      'Invalid Field Format order.failed_url',
    );
    await rejected(
      variant((r) => {
        r.additional_info = { override_notification_url: 'not a url' };
      }),
      'Invalid Field Format additional_info.override_notification_url',
    );
  });

  it('auto_redirect is mandatory', async () => {
    await rejected(
      variant((r) => {
        delete r.order.auto_redirect;
      }),
      'Invalid Mandatory Field order.auto_redirect',
    );
  });

  it('a zero amount is refused', async () => {
    await rejected(
      variant((r) => {
        r.order.amount = 0;
        delete r.order.line_items;
      }),
      'Invalid Field Format order.amount',
    );
  });

  it('an invoice already paid cannot get another page; an unpaid one can', async () => {
    const s = setupCards();
    const first = await s.createPage();
    // Unpaid: the customer may start again.
    const second = await s.createPage({ ...first.req });
    expect(second.ref).not.toBe(first.ref);
    await s.pay(second.ref, { card_number: '4111111111111111' });
    const err = await expectError(await s.signed('POST', PAGE, first.req), 400, 'INVALID_PARAMETER');
    expect(err.errors.message).toBe('Duplicate Invoice Number');
  });
});

describe('customer rules', () => {
  it('email or phone must be given', async () => {
    await rejected(
      variant((r) => {
        r.customer = { id: 'C1', name: 'No Contact' };
      }),
      'Invalid Mandatory Field customer.email',
    );
    await rejected(
      variant((r) => {
        delete r.customer;
      }),
      'Invalid Mandatory Field customer.email',
    );
    await accepted(
      variant((r) => {
        r.customer = { phone: '6281122334455' };
      }),
    );
    await accepted(
      variant((r) => {
        r.customer = { email: 'only@example.com' };
      }),
    );
  });

  it('customer.id is mandatory for card.save, card.token and RECURRING', async () => {
    for (const change of [
      (r: Json) => {
        r.card = { save: true };
      },
      (r: Json) => {
        r.card = { token: 'a55b8d8df709607d2a343778898f41d0' };
      },
      (r: Json) => {
        r.payment = { type: 'RECURRING' };
      },
    ]) {
      await rejected(
        variant((r) => {
          change(r);
          delete r.customer.id;
        }),
        'Invalid Mandatory Field customer.id',
      );
    }
  });

  it('card.token must be a token saved for this customer', async () => {
    await rejected(
      variant((r) => {
        r.card = { token: 'a55b8d8df709607d2a343778898f41d0' };
      }),
      'Invalid Card Token',
    );
  });
});

describe('installment rules', () => {
  const installment = (acquirer: string, tenor: number | undefined, amount: number, allowTenor?: number[]) =>
    variant((r) => {
      r.order.amount = amount;
      delete r.order.line_items;
      r.payment = { type: 'INSTALLMENT', acquirer, ...(tenor === undefined ? {} : { tenor }) };
      if (allowTenor) r.override_configuration = { allow_tenor: allowTenor };
    });

  it('acquirer and tenor are mandatory', async () => {
    await rejected(
      variant((r) => {
        r.payment = { type: 'INSTALLMENT', tenor: 3 };
      }),
      'Invalid Mandatory Field payment.acquirer',
    );
    await rejected(installment('BCA', undefined, 1_000_000), 'Invalid Mandatory Field payment.tenor');
  });

  it('only the listed acquirers are allowed', async () => {
    await rejected(installment('BANK_XYZ', 3, 1_000_000), 'Invalid Field Format payment.acquirer');
  });

  it('the tenor must be one the acquirer offers and allow_tenor allows', async () => {
    await rejected(installment('BCA', 5, 1_000_000), 'Invalid Installment Tenor');
    await rejected(installment('BCA', 24, 1_000_000, [0, 3, 6]), 'Invalid Installment Tenor');
    // OFF US acquirers stop at 12 months.
    await rejected(installment('DANAMON', 24, 2_000_000), 'Invalid Installment Tenor');
    await accepted(installment('BCA', 24, 1_000_000));
  });

  it('ON US and OFF US minimum amounts apply', async () => {
    const onUs = INSTALLMENT_PLANS.BCA.minAmount;
    const offUs = INSTALLMENT_PLANS.HSBC.minAmount;
    expect(INSTALLMENT_PLANS.BCA.kind).toBe('ON_US');
    expect(INSTALLMENT_PLANS.HSBC.kind).toBe('OFF_US');
    await rejected(installment('BCA', 3, onUs - 1), /^Amount Below Minimum Installment Amount/);
    await accepted(installment('BCA', 3, onUs));
    await rejected(installment('HSBC', 3, offUs - 1), /^Amount Below Minimum Installment Amount/);
    await accepted(installment('HSBC', 3, offUs));
  });
});

describe('override_configuration rules', () => {
  it('theme colours are 6-digit hex and the language is EN or ID', async () => {
    await rejected(
      variant((r) => {
        r.override_configuration = { themes: { background_color: '#FFF' } };
      }),
      'Invalid Field Format override_configuration.themes.background_color',
    );
    await rejected(
      variant((r) => {
        r.override_configuration = { themes: { language: 'FR' } };
      }),
      'Invalid Field Format override_configuration.themes.language',
    );
    await accepted(
      variant((r) => {
        r.override_configuration = { themes: { language: 'ID', button_background_color: '00AA55' } };
      }),
    );
  });

  it('promo BINs are 6 or 8 digits and the discount is below the amount', async () => {
    await rejected(
      variant((r) => {
        r.override_configuration = { promo: [{ bin: '4111', discount_amount: 1000 }] };
      }),
      'Invalid Field Format override_configuration.promo[0].bin',
    );
    await rejected(
      variant((r) => {
        r.override_configuration = { promo: [{ bin: '411111', discount_amount: 90000 }] };
      }),
      'Invalid Field Format override_configuration.promo[0].discount_amount',
    );
  });

  it('allow_bin entries are 6 or 8 digits', async () => {
    await rejected(
      variant((r) => {
        r.override_configuration = { allow_bin: ['41'] };
      }),
      'Invalid Field Format override_configuration.allow_bin[0]',
    );
  });

  it('payment.type is one of the card payment types', async () => {
    await rejected(
      variant((r) => {
        r.payment = { type: 'CAPTURE' };
      }),
      'Invalid Field Format payment.type',
    );
    for (const type of ['SALE', 'AUTHORIZE', 'MOTO', 'RECURRING']) {
      await accepted(
        variant((r) => {
          r.payment = { type };
        }),
      );
    }
  });
});
