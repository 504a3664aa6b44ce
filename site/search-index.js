window.ERRDOCS_SEARCH = {"anchors":{},"count":109,"docShard":256,"docs":["1001"],"groups":["SDK Error Codes","REST API Error Codes"],"version":1,"words":["100"]};
