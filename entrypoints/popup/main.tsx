import { render } from 'preact';
import '../../components/common/theme.css';
import '../../components/popup/popup.css';
import { Popup } from '../../components/popup/Popup';
import { createPopupBackend } from '../../lib/popup/backend';
import { localizeDocument } from '../../lib/i18n';

localizeDocument(document, 'extName');
render(<Popup backend={createPopupBackend()} />, document.getElementById('app')!);
