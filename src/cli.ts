// `runboard` CLI: placeholder until the scan/export commands land.
console.log('runboard');
