import { Command, InvalidArgumentError } from 'commander';
import { FAULT_KINDS, loadAgentFile, parseAnswerMode, parseFaults, startMockApi, type MockApiOptions } from '../../devtools/mock-api';

const int = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number >= 0`);
  return n;
};

/** Validates while commander parses, so a bad value prints a usage error, not a stack trace. */
const checked = (parse: (v: string) => unknown) => (v: string) => {
  try {
    parse(v);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
  return v;
};

/** `gauntlet mock-api`: the simulated model API, for demos, benches and offline runs. */
export function register(program: Command): void {
  program
    .command('mock-api')
    .description(
      'serve a simulated Anthropic (/v1/messages), OpenAI (/v1/chat/completions) and Google (/v1beta/models/M:generateContent) API ' +
        'on 127.0.0.1 (scripted answers, scripted tool-using agents, faults) for offline runs',
    )
    .option('--port <P>', 'port (default: a free one)', int('--port'), 0)
    .option('--latency <MS>', 'delay before each answer', int('--latency'), 0)
    .option('--answers <MODE>', 'canonical | wrong | nocode | rate:P (canonical with probability P)', checked(parseAnswerMode), 'canonical')
    .option('--faults <SPEC>', `comma list of KIND:A-B (request ordinals) or KIND:pX (probability); KIND: ${FAULT_KINDS.join(', ')}`, checked(parseFaults))
    .option('--data <PATH>', 'task file (or BBH folder) the requests refer to')
    .option('--suite <NAME>', 'suite the requests refer to, e.g. bbh (default: the built-in custom suite, or bbh when --data is a folder)')
    .option('--rate-limit <N>', 'answer 429 when more than N requests arrived in the last second', int('--rate-limit'))
    .option(
      '--agent <FILE|NAME>',
      'JSON agent script(s) for tool-use requests, a file or a built-in set (devtools/mock-api/scripts/NAME.json): {"steps": [{"text"?, "calls"?: [{"tool", "args"?, "raw_args"?}], "on_error"?}], "repeat_last"?, "final_text"?} ' +
        '(answers every request that offers tools), or {"NAME": script, ...} (answers requests whose model is NAME; "default" the rest)',
    )
    .addHelpText(
      'after',
      '\nEvery provider reaches it with base_url set to the printed address: anthropic/<model>, openai/<model>, google/<model> ' +
        '(any key), or mock. Faults hit every API and tool turns alike; google answers 529 faults as 503 UNAVAILABLE.\n' +
        'Agent scripts play steps[n] on the request with n assistant turns; strings may use {{last_result}}, {{results}}, {{turn}}, {{task.FIELD}}.',
    )
    .action(async (o: { port: number; latency: number; answers: string; faults?: string; data?: string; suite?: string; rateLimit?: number; agent?: string }, cmd: Command) => {
      let api;
      try {
        const agents = o.agent ? loadAgentFile(o.agent) : undefined;
        const opts: MockApiOptions = { port: o.port, latencyMs: o.latency, answers: o.answers, faults: o.faults, data: o.data, suite: o.suite, rateLimit: o.rateLimit, agents };
        api = await startMockApi(opts);
      } catch (e) {
        return cmd.error(`gauntlet ${(e as Error).message}`);
      }
      console.log(`mock-api listening on ${api.url}`);
      console.log(`  use it:   export GAUNTLET_MOCK_URL=${api.url}   (model spec: mock, or anthropic/, openai/, google/ with base_url ${api.url})`);
      console.log(`  stats:    curl ${api.url}/__stats`);
      console.log(`  faults:   curl -X POST ${api.url}/__config -d '{"faults":"","answers":"canonical"}'`);
      const stop = async () => {
        await api!.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
