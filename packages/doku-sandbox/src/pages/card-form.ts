// The hosted card form: order summary, card number, expiry, CVV, name; the installment tenor choice
// for INSTALLMENT; the saved card for `card.token`; "save this card" when tokenization is possible;
// the merchant's disclaimer; a live promo note for promo BINs. A plain form that posts without
// JavaScript; the small script only previews the promo. Rendered with hono/html (escapes by default).
import type { CardField } from '../cards/checkout.js';
import { html } from 'hono/html';
import type { CardCopy } from './card-copy.js';
import { type CardTheme, cardDocument } from './card-layout.js';
import type { Html } from './kki-layout.js';

/** Everything the form shows; texts are plain (escaped here). */
export interface CardFormView {
  copy: CardCopy;
  theme: CardTheme;
  nonce: string;
  /** Where the form posts. */
  action: string;
  /** The page's `requestId`, posted back. */
  ref: string;
  invoiceNumber: string;
  amountText: string;
  lineItems: Array<{ name: string; quantity: number; priceText: string }>;
  /** The pre-filled `card.token` card, if any. */
  savedCard: { masked: string; brand: string } | null;
  /** Which card is selected (`saved` only with a saved card). */
  cardChoice: 'saved' | 'new';
  cvvForSaved: boolean;
  cvvForNew: boolean;
  tenors: Array<{ value: number; label: string; selected: boolean }>;
  showSaveCard: boolean;
  saveCardChecked: boolean;
  disclaimer: string | null;
  disclaimerChecked: boolean;
  /** Error message per field, already in the page language. */
  errors: Partial<Record<CardField, string>>;
  /** Typed name to show again after an error (card number, expiry and CVV are never echoed). */
  name: string;
  payLabel: string;
  /** Promo BINs with the note and button label to show when the typed number matches. */
  promos: Array<{ bin: string; note: string; payLabel: string }>;
}

const FIELD_IDS: Record<CardField, string> = {
  cardNumber: 'card-number',
  expiry: 'card-expiry',
  cvv: 'card-cvv',
  name: 'card-name',
  tenor: 'tenor',
  disclaimer: 'disclaimer',
};

function fieldAttrs(v: CardFormView, field: CardField, hintId?: string): Html {
  const err = v.errors[field];
  const describedBy = [hintId, err ? `${FIELD_IDS[field]}-error` : undefined].filter(Boolean).join(' ');
  return html`id="${FIELD_IDS[field]}"${err ? html` aria-invalid="true"` : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}`;
}

function fieldError(v: CardFormView, field: CardField): Html | string {
  const err = v.errors[field];
  return err ? html`<span class="field-error" id="${FIELD_IDS[field]}-error">${err}</span>` : '';
}

/**
 * A CVV input. The saved card's is `saved_cvv`: both inputs are in the form at once (the new-card one
 * only hidden), and one name would send two values.
 */
function cvvField(v: CardFormView, id: string, brandDigits: string, name = 'cvv'): Html {
  const err = v.errors.cvv;
  const described = [`${id}-hint`, err ? `${id}-error` : undefined].filter(Boolean).join(' ');
  return html`<div class="field">
<label for="${id}">${v.copy.cvv}</label>
<input type="password" id="${id}" name="${name}" inputmode="numeric" autocomplete="cc-csc" maxlength="4" pattern="[0-9]{3,4}"${err ? html` aria-invalid="true"` : ''} aria-describedby="${described}">
<span class="hint" id="${id}-hint">${brandDigits}</span>
${err ? html`<span class="field-error" id="${id}-error">${err}</span>` : ''}
</div>`;
}

const SCRIPT = `(function(){
var form=document.getElementById('card-form');if(!form)return;
var input=document.getElementById('card-number');var note=document.getElementById('promo-note');var pay=document.getElementById('pay');
var promos=JSON.parse(form.getAttribute('data-promos')||'[]');var base=pay.textContent;
function update(){if(!input)return;var d=input.value.replace(/[\\s-]/g,'');var hit=null;
for(var i=0;i<promos.length;i++){if(d.length>=promos[i].bin.length&&d.indexOf(promos[i].bin)===0){hit=promos[i];break;}}
if(hit){note.textContent=hit.note;note.hidden=false;pay.textContent=hit.payLabel;}else{note.textContent='';note.hidden=true;pay.textContent=base;}}
if(input){input.addEventListener('input',update);update();}
var radios=form.querySelectorAll('input[name=card_choice]');var fresh=document.getElementById('new-card');
function toggle(){var saved=form.querySelector('input[name=card_choice]:checked');if(fresh&&saved){fresh.hidden=saved.value==='saved';}}
for(var j=0;j<radios.length;j++){radios[j].addEventListener('change',toggle);}toggle();
})();`;

/** Renders the card form page. */
export function renderCardForm(v: CardFormView): Html {
  const c = v.copy;
  const fields = Object.keys(v.errors) as CardField[];
  const summary =
    fields.length > 0
      ? html`<div class="alert" role="alert"><p>${c.errorSummary}</p><ul>${fields.map(
          (f) => html`<li><a href="#${FIELD_IDS[f]}">${v.errors[f] ?? ''}</a></li>`,
        )}</ul></div>`
      : '';
  const items =
    v.lineItems.length > 0
      ? html`<ul class="items" aria-label="${c.items}">${v.lineItems.map(
          (i) => html`<li>${i.name} × ${i.quantity}: ${i.priceText}</li>`,
        )}</ul>`
      : '';
  const cvvHint = c.cvvHint(3);
  const checked = (on: boolean) => (on ? html` checked` : '');
  const saved = v.savedCard
    ? html`<fieldset>
<legend>${c.card}</legend>
<label class="choice"><input type="radio" name="card_choice" value="saved"${checked(v.cardChoice === 'saved')}> ${c.savedCard}: ${v.savedCard.brand} ${v.savedCard.masked}</label>
<label class="choice"><input type="radio" name="card_choice" value="new"${checked(v.cardChoice === 'new')}> ${c.anotherCard}</label>
${v.cvvForSaved ? cvvField(v, 'saved-cvv', cvvHint, 'saved_cvv') : ''}
</fieldset>`
    : '';
  const newCard = html`<div id="new-card">
<div class="field">
<label for="card-number">${c.cardNumber}</label>
<input type="text" name="card_number" inputmode="numeric" autocomplete="cc-number" maxlength="23" ${fieldAttrs(v, 'cardNumber', 'card-number-hint')}>
<span class="hint" id="card-number-hint">${c.acceptedCards}</span>
${fieldError(v, 'cardNumber')}
</div>
<p class="note" id="promo-note" role="status" hidden></p>
<div class="row">
<div class="field">
<label for="card-expiry">${c.expiry}</label>
<input type="text" name="expiry" inputmode="numeric" autocomplete="cc-exp" placeholder="${c.expiryHint}" maxlength="7" ${fieldAttrs(v, 'expiry', 'card-expiry-hint')}>
<span class="hint" id="card-expiry-hint">${c.expiryHint}</span>
${fieldError(v, 'expiry')}
</div>
${v.cvvForNew ? cvvField(v, 'card-cvv', cvvHint) : ''}
</div>
<div class="field">
<label for="card-name">${c.name}</label>
<input type="text" name="name" autocomplete="cc-name" maxlength="64" value="${v.name}" ${fieldAttrs(v, 'name')}>
${fieldError(v, 'name')}
</div>
${
  v.showSaveCard
    ? html`<label class="choice"><input type="checkbox" name="save_card" value="1"${checked(v.saveCardChecked)}> ${c.saveCard}</label>`
    : ''
}
</div>`;
  const only = v.tenors.length === 1 ? v.tenors[0] : undefined;
  // A plan the shop already chose is shown, not asked again.
  const tenor = only
    ? html`<div class="field"><p class="label">${c.tenor}</p>
<p class="plan" id="tenor">${only.label}</p>
<input type="hidden" name="tenor" value="${only.value}">
${fieldError(v, 'tenor')}
</div>`
    : v.tenors.length > 0
      ? html`<div class="field">
<label for="tenor">${c.tenor}</label>
<select name="tenor" ${fieldAttrs(v, 'tenor')}>${v.tenors.map(
          (t) => html`<option value="${t.value}"${t.selected ? html` selected` : ''}>${t.label}</option>`,
        )}</select>
${fieldError(v, 'tenor')}
</div>`
      : '';
  const disclaimer = v.disclaimer
    ? html`<div class="field"><label class="choice"><input type="checkbox" name="disclaimer" value="1"${checked(v.disclaimerChecked)} ${fieldAttrs(v, 'disclaimer')}> ${v.disclaimer}</label>${fieldError(v, 'disclaimer')}</div>`
    : '';
  const body = html`<div class="panel">
<h1>${c.title}</h1>
<dl>
<dt>${c.invoice}</dt><dd>${v.invoiceNumber}</dd>
<dt>${c.amount}</dt><dd class="total">${v.amountText}</dd>
</dl>
${items}
${summary}
<form id="card-form" method="post" action="${v.action}" novalidate data-promos="${JSON.stringify(v.promos)}">
<input type="hidden" name="requestId" value="${v.ref}">
${saved}
${newCard}
${tenor}
${disclaimer}
<button type="submit" class="primary" id="pay">${v.payLabel}</button>
</form>
</div>`;
  return cardDocument({ copy: c, theme: v.theme, nonce: v.nonce, title: c.title, body, script: SCRIPT });
}
