// What a Vite or Next.js client bundle imports: one component and the stylesheet.
import '@kki-kit/react/styles.css';
import { KkiProvider } from '@kki-kit/react';
import { KkiPayButton } from '@kki-kit/react/KkiPayButton';

export { KkiPayButton, KkiProvider };
