import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { registerServiceWorker } from './app/registerServiceWorker.ts';
import { reloadOnStaleChunk } from './app/reloadOnStaleChunk.ts';
import './app/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
registerServiceWorker();
reloadOnStaleChunk();
