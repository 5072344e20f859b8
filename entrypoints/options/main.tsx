import { render } from 'preact';
import '../../components/common/theme.css';
import '../../components/options/options.css';
import { OptionsPage } from '../../components/options/OptionsPage';

render(<OptionsPage />, document.getElementById('app')!);
