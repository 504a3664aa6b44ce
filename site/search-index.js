window.ERRDOCS_SEARCH = {"anchors":{},"count":109,"docShard":256,"docs":["1001"],"version":1,"words":["100"]};
