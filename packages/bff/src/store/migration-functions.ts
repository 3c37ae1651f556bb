// Migrations 6 and 7: the SQL functions that create a payment in one round trip (issue 18), kept
// apart from the rest of the list so each file stays small. Shipped: never edited.
/** Migrations 6 and 7, in order (spread into `MIGRATIONS`; each a `Migration`). */
export const PAYMENT_CREATION_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 6,
    name: 'payment creation in one round trip',
    // `payments.create` as one call instead of a five-statement transaction (issue 18): the order's
    // row lock, the paid and open-attempt checks, the payment and its first history row; with
    // `p_reuse`, first the payment this partner reference already has (a retry of the same call). A function
    // body's statements each read the newest committed rows, as the transaction's did, so an open
    // attempt another instance committed while this one waited on the lock is seen.
    sql: `
CREATE FUNCTION kki_create_payment(
  p_id text, p_order_id text, p_method text, p_kki_kind text, p_card_payment_type text,
  p_partner_reference_no text, p_external_id text, p_saved_card_id text, p_masked_cpan text,
  p_issuer text, p_open_statuses text[], p_reuse boolean
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  o orders%ROWTYPE;
  open_attempt record;
  created payments%ROWTYPE;
BEGIN
  IF p_reuse THEN
    SELECT * INTO created FROM payments WHERE partner_reference_no = p_partner_reference_no;
    IF FOUND THEN
      RETURN jsonb_build_object('payment', to_jsonb(created), 'reused', true);
    END IF;
  END IF;
  SELECT * INTO o FROM orders WHERE id = p_order_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('refused', 'not_found');
  END IF;
  IF o.status = 'paid' THEN
    RETURN jsonb_build_object('refused', 'already_paid');
  END IF;
  SELECT id, method INTO open_attempt FROM payments
    WHERE order_id = o.id AND status = ANY(p_open_statuses) LIMIT 1;
  IF FOUND THEN
    RETURN jsonb_build_object('refused', 'order_payment_open', 'paymentId', open_attempt.id,
      'method', open_attempt.method);
  END IF;
  INSERT INTO payments (id, order_id, customer_id, method, kki_kind, card_payment_type, status, amount,
    currency, partner_reference_no, external_id, saved_card_id, masked_cpan, issuer)
  VALUES (p_id, o.id, o.customer_id, p_method, p_kki_kind, p_card_payment_type, 'created', o.amount,
    o.currency, p_partner_reference_no, p_external_id, p_saved_card_id, p_masked_cpan, p_issuer)
  RETURNING * INTO created;
  INSERT INTO payment_events (payment_id, version, from_status, to_status, source, detail)
  VALUES (created.id, created.version, NULL, created.status, 'api', '{}'::jsonb);
  RETURN jsonb_build_object('payment', to_jsonb(created));
END
$$;
`,
  },
  {
    version: 7,
    name: 'payment creation with the order read',
    // Migration 6's function with the customer's order read folded in (issue 18: one round trip
    // fewer per payment): with `p_customer_id`, another customer's order is not found, so the browser
    // routes need no order read before. The order's row lock still comes before the paid and
    // open-attempt checks. A reuse answers whether the order is paid (then the payment is the
    // order's answer as it stands: this very call paid it). Migration 6's function stays for
    // instances of the previous version running during a rolling deploy.
    sql: `
CREATE FUNCTION kki_create_order_payment(
  p_id text, p_order_id text, p_customer_id text, p_method text, p_kki_kind text,
  p_card_payment_type text, p_partner_reference_no text, p_external_id text, p_saved_card_id text,
  p_masked_cpan text, p_issuer text, p_open_statuses text[], p_reuse boolean
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  o orders%ROWTYPE;
  open_attempt record;
  created payments%ROWTYPE;
BEGIN
  IF p_reuse THEN
    SELECT * INTO created FROM payments WHERE partner_reference_no = p_partner_reference_no;
    IF FOUND THEN
      IF created.order_id <> p_order_id OR created.customer_id <> coalesce(p_customer_id, created.customer_id) THEN
        RETURN jsonb_build_object('refused', 'not_found');
      END IF;
      RETURN jsonb_build_object('payment', to_jsonb(created), 'reused', true,
        'orderPaid', EXISTS (SELECT 1 FROM orders WHERE id = created.order_id AND status = 'paid'));
    END IF;
  END IF;
  SELECT * INTO o FROM orders
    WHERE id = p_order_id AND customer_id = coalesce(p_customer_id, customer_id) FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('refused', 'not_found');
  END IF;
  IF o.status = 'paid' THEN
    RETURN jsonb_build_object('refused', 'already_paid');
  END IF;
  SELECT id, method INTO open_attempt FROM payments
    WHERE order_id = o.id AND status = ANY(p_open_statuses) LIMIT 1;
  IF FOUND THEN
    RETURN jsonb_build_object('refused', 'order_payment_open', 'paymentId', open_attempt.id,
      'method', open_attempt.method);
  END IF;
  INSERT INTO payments (id, order_id, customer_id, method, kki_kind, card_payment_type, status, amount,
    currency, partner_reference_no, external_id, saved_card_id, masked_cpan, issuer)
  VALUES (p_id, o.id, o.customer_id, p_method, p_kki_kind, p_card_payment_type, 'created', o.amount,
    o.currency, p_partner_reference_no, p_external_id, p_saved_card_id, p_masked_cpan, p_issuer)
  RETURNING * INTO created;
  INSERT INTO payment_events (payment_id, version, from_status, to_status, source, detail)
  VALUES (created.id, created.version, NULL, created.status, 'api', '{}'::jsonb);
  RETURN jsonb_build_object('payment', to_jsonb(created));
END
$$;
`,
  },
];
