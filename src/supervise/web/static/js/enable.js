// Marks the page as having JavaScript before it renders (govuk-frontend's template does this
// inline; a file keeps the Content-Security-Policy free of inline scripts).
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
