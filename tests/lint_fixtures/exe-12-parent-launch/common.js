var API = null;
