export class Session {
  async refreshAsync(): Promise<void> {}
}

export class Token {
  async refreshAsync(): Promise<void> {}
  refresh(force: boolean): void {
    void force;
  }
}

export function renew(session: Session, token: Token) {
  session.refreshAsync();
  token.refreshAsync();
}
