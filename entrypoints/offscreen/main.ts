// The MSAL host (Chrome): see lib/auth.
