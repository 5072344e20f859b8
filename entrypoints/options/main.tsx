import { render } from 'preact';
import '../../components/common/theme.css';
import '../../components/options/options.css';
import { OptionsPage } from '../../components/options/OptionsPage';
import { localizeDocument } from '../../lib/i18n';

localizeDocument(document, 'options_title');
render(<OptionsPage />, document.getElementById('app')!);
