import { render } from 'preact';
import '../../components/common/theme.css';
import '../../components/popup/popup.css';
import { Popup } from '../../components/popup/Popup';
import { createPopupBackend } from '../../lib/popup/backend';

render(<Popup backend={createPopupBackend()} />, document.getElementById('app')!);
