const PORT: u16 = 18765;
const MODE: u32 = 0o640;
pub enum Size { Small = 1024, Big = 65536 }
