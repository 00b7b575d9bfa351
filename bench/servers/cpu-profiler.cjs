// Preloaded (`node --require`) into a server under study by bench/profile.ts:
// samples its CPU only while asked to, so start-up and warm-up stay out of
// the profile. On PROFILER_PORT: POST /start begins sampling, POST /stop ends
// it and answers the .cpuprofile JSON. The server itself is untouched.
const http = require('node:http');
const inspector = require('node:inspector');

const session = new inspector.Session();
session.connect();
const post = (method, params = {}) =>
  new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));

http
  .createServer(async (req, res) => {
    try {
      if (req.url === '/start') {
        await post('Profiler.enable');
        await post('Profiler.setSamplingInterval', { interval: Number(process.env.PROFILER_INTERVAL_US || 200) });
        await post('Profiler.start');
        res.end('started');
      } else if (req.url === '/stop') {
        const { profile } = await post('Profiler.stop');
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(profile));
      } else {
        res.statusCode = 404;
        res.end();
      }
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  })
  .listen(Number(process.env.PROFILER_PORT), '127.0.0.1')
  .unref();
