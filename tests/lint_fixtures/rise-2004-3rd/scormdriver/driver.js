function LoadContent() { return true; }
