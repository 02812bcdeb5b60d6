/** Every message as data lives in the domain (workflows build them); templates render them here. */
export * from '../domain/messages';
