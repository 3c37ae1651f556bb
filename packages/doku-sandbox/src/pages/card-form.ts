// The hosted card form: order summary, card number, expiry, CVV, name; the installment tenor choice
// for INSTALLMENT; the saved card for `card.token`; "save this card" when tokenization is possible;
// the merchant's disclaimer; a live promo note for promo BINs. A plain form that posts without
// JavaScript; the small script only previews the promo.
import type { CardField } from '../cards/checkout.js';
import type { CardCopy } from './card-copy.js';
import { type CardTheme, cardDocument, esc } from './card-layout.js';

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

function fieldAttrs(v: CardFormView, field: CardField, hintId?: string): string {
  const err = v.errors[field];
  const describedBy = [hintId, err ? `${FIELD_IDS[field]}-error` : undefined].filter(Boolean).join(' ');
  return `id="${FIELD_IDS[field]}"${err ? ' aria-invalid="true"' : ''}${describedBy ? ` aria-describedby="${describedBy}"` : ''}`;
}

function fieldError(v: CardFormView, field: CardField): string {
  const err = v.errors[field];
  return err ? `<span class="field-error" id="${FIELD_IDS[field]}-error">${esc(err)}</span>` : '';
}

function cvvField(v: CardFormView, id: string, brandDigits: string): string {
  const err = v.errors.cvv;
  const described = [`${id}-hint`, err ? `${id}-error` : undefined].filter(Boolean).join(' ');
  return `<div class="field">
<label for="${id}">${esc(v.copy.cvv)}</label>
<input type="password" id="${id}" name="cvv" inputmode="numeric" autocomplete="cc-csc" maxlength="4" pattern="[0-9]{3,4}"${err ? ' aria-invalid="true"' : ''} aria-describedby="${described}">
<span class="hint" id="${id}-hint">${esc(brandDigits)}</span>
${err ? `<span class="field-error" id="${id}-error">${esc(err)}</span>` : ''}
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
export function renderCardForm(v: CardFormView): string {
  const c = v.copy;
  const errorCount = Object.keys(v.errors).length;
  const summary =
    errorCount > 0
      ? `<div class="alert" role="alert"><p>${esc(c.errorSummary)}</p><ul>${(
          Object.keys(v.errors) as CardField[]
        )
          .map((f) => `<li><a href="#${FIELD_IDS[f]}">${esc(v.errors[f] ?? '')}</a></li>`)
          .join('')}</ul></div>`
      : '';
  const items =
    v.lineItems.length > 0
      ? `<ul class="items" aria-label="${esc(c.items)}">${v.lineItems
          .map((i) => `<li>${esc(i.name)} × ${i.quantity}: ${esc(i.priceText)}</li>`)
          .join('')}</ul>`
      : '';
  const cvvHint = c.cvvHint(3);
  const saved = v.savedCard
    ? `<fieldset>
<legend>${esc(c.card)}</legend>
<label class="choice"><input type="radio" name="card_choice" value="saved"${v.cardChoice === 'saved' ? ' checked' : ''}> ${esc(c.savedCard)}: ${esc(v.savedCard.brand)} ${esc(v.savedCard.masked)}</label>
<label class="choice"><input type="radio" name="card_choice" value="new"${v.cardChoice === 'new' ? ' checked' : ''}> ${esc(c.anotherCard)}</label>
${v.cvvForSaved ? cvvField(v, 'saved-cvv', cvvHint) : ''}
</fieldset>`
    : '';
  const newCard = `<div id="new-card">
<div class="field">
<label for="card-number">${esc(c.cardNumber)}</label>
<input type="text" name="card_number" inputmode="numeric" autocomplete="cc-number" maxlength="23" ${fieldAttrs(v, 'cardNumber', 'card-number-hint')}>
<span class="hint" id="card-number-hint">${esc(c.acceptedCards)}</span>
${fieldError(v, 'cardNumber')}
</div>
<p class="note" id="promo-note" role="status" hidden></p>
<div class="row">
<div class="field">
<label for="card-expiry">${esc(c.expiry)}</label>
<input type="text" name="expiry" inputmode="numeric" autocomplete="cc-exp" placeholder="${esc(c.expiryHint)}" maxlength="7" ${fieldAttrs(v, 'expiry', 'card-expiry-hint')}>
<span class="hint" id="card-expiry-hint">${esc(c.expiryHint)}</span>
${fieldError(v, 'expiry')}
</div>
${v.cvvForNew ? cvvField(v, 'card-cvv', cvvHint) : ''}
</div>
<div class="field">
<label for="card-name">${esc(c.name)}</label>
<input type="text" name="name" autocomplete="cc-name" maxlength="64" value="${esc(v.name)}" ${fieldAttrs(v, 'name')}>
${fieldError(v, 'name')}
</div>
${
  v.showSaveCard
    ? `<label class="choice"><input type="checkbox" name="save_card" value="1"${v.saveCardChecked ? ' checked' : ''}> ${esc(c.saveCard)}</label>`
    : ''
}
</div>`;
  const tenor =
    v.tenors.length > 0
      ? `<div class="field">
<label for="tenor">${esc(c.tenor)}</label>
<select name="tenor" ${fieldAttrs(v, 'tenor')}>${v.tenors
          .map((t) => `<option value="${t.value}"${t.selected ? ' selected' : ''}>${esc(t.label)}</option>`)
          .join('')}</select>
${fieldError(v, 'tenor')}
</div>`
      : '';
  const disclaimer = v.disclaimer
    ? `<div class="field"><label class="choice"><input type="checkbox" name="disclaimer" value="1"${v.disclaimerChecked ? ' checked' : ''} ${fieldAttrs(v, 'disclaimer')}> ${esc(v.disclaimer)}</label>${fieldError(v, 'disclaimer')}</div>`
    : '';
  const body = `<div class="panel">
<h1>${esc(c.title)}</h1>
<dl>
<dt>${esc(c.invoice)}</dt><dd>${esc(v.invoiceNumber)}</dd>
<dt>${esc(c.amount)}</dt><dd class="total">${esc(v.amountText)}</dd>
</dl>
${items}
${summary}
<form id="card-form" method="post" action="${esc(v.action)}" novalidate data-promos="${esc(JSON.stringify(v.promos))}">
<input type="hidden" name="requestId" value="${esc(v.ref)}">
${saved}
${newCard}
${tenor}
${disclaimer}
<button type="submit" class="primary" id="pay">${esc(v.payLabel)}</button>
</form>
</div>`;
  return cardDocument({ copy: c, theme: v.theme, nonce: v.nonce, title: c.title, body, script: SCRIPT });
}
