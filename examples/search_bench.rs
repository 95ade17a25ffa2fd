//! Times `Searcher::rank` over 100k synthetic labels: `cargo run --release --example search_bench`.

use std::time::Instant;

use silian::search::{SearchKey, Searcher};

/// Runs per query; the machine is shared, so best and median are both shown.
const RUNS: usize = 7;
const QUERIES: [&str; 10] =
    ["ywj", "zhang", "zhangwei", "余伟", "l", "lxm", "chenjianguo", "社区", "zgf", "changanshequ"];
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解仇区查朴翟缪乐";
const GIVEN: &str = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬建国建华志强志明海燕小红晓东文斌宇浩然子涵欣怡梓轩雨萱思远佳怡俊杰婷婷丹丹鹏飞凤兰金凤德福永利";
const PLACES: &str = "长安和平建设解放人民中山重庆银行幸福光明朝阳东风";
const SUFFIXES: &[&str] = &["社区", "路", "街道办", "物业公司", "居委会", "小学", "科技有限公司"];

/// Deterministic xorshift so runs are comparable.
struct Rng(u64);

impl Rng {
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        &items[(self.0 % items.len() as u64) as usize]
    }
}

fn labels(n: usize) -> Vec<(bool, String)> {
    let (s, g, p): (Vec<char>, Vec<char>, Vec<char>) =
        (SURNAMES.chars().collect(), GIVEN.chars().collect(), PLACES.chars().collect());
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let place = |rng: &mut Rng| -> String { (0..2).map(|_| *rng.pick(&p)).collect() };
    (0..n)
        .map(|i| match i % 10 {
            // Unit names and addresses, some long (~16 characters).
            0 => (false, format!("{}{}{}号", place(&mut rng), rng.pick(SUFFIXES), i % 97)),
            5 => {
                let (a, b) = (place(&mut rng), place(&mut rng));
                let (x, y) = (rng.pick(SUFFIXES), rng.pick(SUFFIXES));
                (false, format!("{a}{x}{b}{y}{}号楼", i % 31))
            }
            // People: a surname and a one- or two-character given name.
            _ => {
                let len = 1 + i % 2;
                let given: String = (0..len).map(|_| *rng.pick(&g)).collect();
                (true, format!("{}{given}", rng.pick(&s)))
            }
        })
        .collect()
}

fn build(labels: &[(bool, String)]) -> Vec<SearchKey> {
    let t = Instant::now();
    let keys: Vec<SearchKey> =
        labels.iter().map(|(person, l)| if *person { SearchKey::person(l) } else { SearchKey::new(l) }).collect();
    println!("built {} keys in {:?}", keys.len(), t.elapsed());
    keys
}

/// Best and median of `RUNS` timings of one query, in ms, and its hits.
fn time_query(searcher: &mut Searcher, keys: &[SearchKey], q: &str) -> (f64, f64, Vec<(usize, u32)>) {
    let mut times = Vec::with_capacity(RUNS);
    let mut hits = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        hits = searcher.rank(q, keys.iter().enumerate());
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    (times[0], times[RUNS / 2], hits)
}

fn main() {
    let labels = labels(100_000);
    let keys = build(&labels);
    // Queries on the command line replace the default set (handy under perf).
    let args: Vec<String> = std::env::args().skip(1).collect();
    let queries: Vec<&str> = if args.is_empty() { QUERIES.to_vec() } else { args.iter().map(String::as_str).collect() };
    let mut searcher = Searcher::new();
    let (mut best_sum, mut median_sum) = (0.0, 0.0);
    for &q in &queries {
        let (best, median, hits) = time_query(&mut searcher, &keys, q);
        best_sum += best;
        median_sum += median;
        let top: Vec<&str> = hits.iter().take(3).map(|(i, _)| labels[*i].1.as_str()).collect();
        println!("{q:>14}: best {best:6.2} ms, median {median:6.2} ms, {:6} hits, top {top:?}", hits.len());
    }
    let n = queries.len() as f64;
    println!(
        "per query over {} keys: best {:.2} ms, median {:.2} ms (mean of {} queries)",
        keys.len(),
        best_sum / n,
        median_sum / n,
        queries.len()
    );
}
