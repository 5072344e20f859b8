// The MSAL host (Chrome only): logic in lib/auth/msal-host.ts; this file only wires it.
import { launchViaBackground, registerAuthHostHandlers } from '../../lib/auth/host-handlers';
import { MsalHost } from '../../lib/auth/msal-host';

registerAuthHostHandlers(new MsalHost({ launchWebAuthFlow: launchViaBackground }));
