// The <script> build: window.Cardbind.mount(…) and the <cardbind-widget> element.
import { defineElement, mount } from './index.js';

defineElement();
(globalThis as { Cardbind?: unknown }).Cardbind = { mount, defineElement };
