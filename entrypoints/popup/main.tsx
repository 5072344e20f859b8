import { render } from 'preact';
import '../../components/common/theme.css';
import '../../components/popup/popup.css';
import { Popup } from '../../components/popup/Popup';
import { createPopupBackend } from '../../lib/popup/backend';
import { localizeDocument } from '../../lib/i18n';

// The backend opens IndexedDB and reads the saved filters first, while Preact renders.
const backend = createPopupBackend();
localizeDocument(document, 'extName');
render(<Popup backend={backend} />, document.getElementById('app')!);
