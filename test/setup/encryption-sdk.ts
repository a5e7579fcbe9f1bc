// Tests build repositories and use cases without their handlers: they load the SDK the handlers load.
import '../../functions/lib/encryption-sdk.js';
