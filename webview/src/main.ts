// Webview entry: one bundle for the dashboard panel and the side view; <body data-view> says which to mount.
import 'uplot/dist/uPlot.min.css';
import './styles/main.css';
import './elements';
import { mountDashboard } from './app/dashboard';
import { mountSidebar } from './sidebar/sidebarView';
import { decodeTypedArrays, type HostToWebview } from '../../src/protocol/dashboardMessages';
import { Store } from './store';
import { loadPersistedState, postToHost } from './vscode';

const root = document.getElementById('root')!;
const store = new Store(loadPersistedState());
// The host sends typed arrays as base64 tags; they become typed arrays again here.
window.addEventListener('message', (event: MessageEvent) => store.receive(decodeTypedArrays(event.data) as HostToWebview));
if (document.body.dataset.view === 'sidebar') mountSidebar(root, store);
else mountDashboard(root, store);
// VS Code switches themes by changing the body class; canvases read colours when they draw, so draw again.
new MutationObserver(() => store.refreshAll()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
// The host posts nothing before this, so no message can arrive before the listener above exists.
postToHost({ type: 'INITIALIZED' });
