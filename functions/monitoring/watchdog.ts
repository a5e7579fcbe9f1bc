// Placeholder until the capability lands.
export const handler = async (): Promise<void> => undefined;
