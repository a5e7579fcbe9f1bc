/**
 * Headers between CloudFront and the API, declared once (CDK writes them, the handlers read them).
 * Behind CloudFront, API Gateway's source address is a CloudFront edge server, not the viewer; a
 * CloudFront viewer-request function therefore writes the viewer's address (`event.viewer.ip`) into
 * VIEWER_ADDRESS_HEADER, replacing whatever the viewer sent under that name, and the origin adds
 * ORIGIN_VERIFY_HEADER with a secret value. A handler trusts the viewer header only when the origin
 * header carries that secret; any other request (someone calling the API directly) is keyed on its
 * own TCP source address. X-Forwarded-For is never read: the viewer writes it and CloudFront appends.
 */
export const VIEWER_ADDRESS_HEADER = 'x-oneroof-viewer-address';
export const ORIGIN_VERIFY_HEADER = 'x-oneroof-origin-verify';
